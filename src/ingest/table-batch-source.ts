import { Worker } from 'node:worker_threads';
import type { EntityName } from '../model/entities.js';
import type { CsvEncoding } from './csv-records.js';
import type { Practice } from '../model/practice.js';
import type { EntityBatchOptions } from './read-entity-batches.js';
import { readTableBatches, type TableBatch } from './table-batches.js';

/** Where an import gets its table batches: read in this thread, or in a worker thread. */
export interface TableBatchSource {
  batches(
    entity: EntityName,
    path: string,
    practice: Practice,
    opts?: EntityBatchOptions,
  ): AsyncIterable<TableBatch>;
  close(): Promise<void>;
}

/** What the main thread asks the worker for. */
export interface ReadRequest {
  type: 'read';
  id: number;
  entity: EntityName;
  path: string;
  practice: Practice;
  batchSize?: number;
  label?: string;
  encoding?: CsvEncoding;
}

type WorkerMessage =
  | { type: 'batch'; id: number; batch: TableBatch }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: unknown };

/** A file being read: the worker's messages for it, and how to wake its reader. */
interface Reading {
  id: number;
  inbox: WorkerMessage[];
  wake?: () => void;
}

/** Batches the worker may read ahead of the consumer. */
export const AHEAD = 4;

/** A source that reads every file in `encoding`, whatever its caller asks. */
export const withEncoding = (
  source: TableBatchSource,
  encoding: CsvEncoding | undefined,
): TableBatchSource =>
  encoding === undefined
    ? source
    : {
        batches: (entity, path, practice, opts) =>
          source.batches(entity, path, practice, { ...opts, encoding }),
        close: () => source.close(),
      };

/** Reads in the calling thread. */
export const localBatchSource = (): TableBatchSource => ({
  batches: readTableBatches,
  close: async () => undefined,
});

/**
 * Reads in a worker thread, so that CSV parsing, validation and normalisation overlap the
 * database work of the calling thread. Runs from compiled JavaScript and, through tsx, from the
 * TypeScript sources. Files are read one at a time, in the order asked.
 */
export function workerBatchSource(): TableBatchSource {
  const worker = startWorker();
  let next = 0;
  let current: Reading | undefined;
  let failure: unknown;
  const notify = () => current?.wake?.();
  worker.on('message', (m: WorkerMessage) => {
    if (current && m.id === current.id) current.inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import reader stopped (exit code ${code})`);
    notify();
  });
  return {
    async *batches(entity, path, practice, opts = {}) {
      if (current) throw new Error('the import reader reads one file at a time');
      const me: Reading = { id: next++, inbox: [] };
      current = me;
      try {
        const request: ReadRequest = { type: 'read', id: me.id, entity, path, practice, ...opts };
        worker.postMessage(request);
        for (;;) {
          const m = me.inbox.shift();
          if (!m) {
            if (failure !== undefined) throw failure;
            await new Promise<void>((resolve) => (me.wake = resolve));
            me.wake = undefined;
            continue;
          }
          if (m.type === 'end') return;
          if (m.type === 'error') throw m.error;
          worker.postMessage({ type: 'ack' });
          yield m.batch;
        }
      } finally {
        current = undefined;
      }
    },
    close: async () => void (await worker.terminate()),
  };
}

/** A larger young generation: the reader allocates many short-lived strings and objects. */
const OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 32 } };

function startWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./table-batch-worker.js', self), OPTIONS);
  // From the TypeScript sources (tests, bench through tsx): register tsx in the worker first.
  const target = new URL('./table-batch-worker.ts', self).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(code, { ...OPTIONS, eval: true });
}
