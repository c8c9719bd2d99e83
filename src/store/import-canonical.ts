import { readFileSync, statSync } from 'node:fs';
import { planCanonicalSources } from '../ingest/plan-canonical-sources.js';
import type { CsvEncoding } from '../ingest/csv-records.js';
import {
  localBatchSource,
  withEncoding,
  workerBatchSource,
  type TableBatchSource,
} from '../ingest/table-batch-source.js';
import { readPracticeJson } from '../ingest/read-practice-json.js';
import { AppError } from '../model/app-error.js';
import type { EntityName } from '../model/entities.js';
import type { Issue } from '../model/issue.js';
import { ZPractice, type Practice } from '../model/practice.js';
import { KnownIds } from './check-references.js';
import { importBatchRows, sortsOnDisk } from './dialect.js';
import type { Store } from './database.js';
import { importEntityFile, throwIfAborted, type FileProgress } from './import-entity-file.js';
import type { FileCounts } from './import-file-counts.js';
import { finishImport } from './finish-import.js';
import { entityTable } from './entity-tables.js';
import { INDEXES_AFTER_FROM_BYTES, withIndexesAfterLoad } from './indexes-after-load.js';
import type { ImportStatus } from './import-log.js';
import { splitIssuePath } from './import-report.js';
import { getPractice } from './practice.repository.js';
import { updatePractice } from './update-practice.js';

export interface ImportProgress extends FileProgress {
  entity: EntityName;
  /** The source's size: bytes of a file, or records of a record source (see `unit`). */
  size: number;
  /** What `bytes` and `size` count (default: bytes). */
  unit?: 'bytes' | 'records';
  /** Set once the file's rows are in and its table's indexes are being built. */
  indexing?: boolean;
}

export interface ImportOptions {
  /** The practice to load into (default: practice.json's practice_id, else `default`). */
  practiceId?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Aborting rolls the whole import back. */
  signal?: AbortSignal;
  /** Where the issue report goes (default: beside the SQLite file, or the current directory). */
  reportPath?: string;
  batchSize?: number;
  /**
   * Read, validate and normalise the files in a worker thread, overlapping the database work
   * (default: when the entity files hold at least 4 MB).
   */
  readInWorker?: boolean;
  /** How CSV bytes are decoded (default utf8; rows that are not UTF-8 are then rejected). */
  encoding?: CsvEncoding;
}

/** From this many bytes of entity files on, a worker thread reads them (see readInWorker). */
const WORKER_FROM_BYTES = 4 << 20;

export interface ImportResult {
  importId: string;
  practice: Practice;
  files: FileCounts[];
  issues: Issue[];
  status: ImportStatus;
  startedAt: number;
  finishedAt: number;
  /** The report file, written only when there were issues. */
  reportPath: string | null;
}

/**
 * Imports canonical CSV folders or entity files in ONE transaction: practice.json first, then
 * the entity files in load order. Rejected rows never abort it; an error or the abort signal
 * rolls everything back. The import log and, if needed, the issue report are written inside
 * the transaction (see finishImport): data, log and report stand or fall together.
 */
export async function importCanonical(
  store: Store,
  sources: string[],
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const startedAt = Date.now();
  const plan = planCanonicalSources(sources);
  const issues: Issue[] = [...plan.issues];
  const practiceId = opts.practiceId ?? practiceIdOf(plan.practiceJson) ?? 'default';
  const idCheck = ZPractice.shape.practice_id.safeParse(practiceId);
  if (!idCheck.success) {
    throw new AppError('USAGE', `practice id "${practiceId}": ${idCheck.error.issues[0]?.message}`);
  }
  const sizes = new Map(plan.files.map(({ path }) => [path, statSync(path).size]));
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const source: TableBatchSource = withEncoding(
    (opts.readInWorker ?? total >= WORKER_FROM_BYTES) ? workerBatchSource() : localBatchSource(),
    opts.encoding,
  );
  const known = new KnownIds();
  let finished: Awaited<ReturnType<typeof finishImport>> | undefined;
  // Index builds after a file's rows (withIndexesAfterLoad) sort on disk, not in memory.
  const { practice, files } = await sortsOnDisk(store.db, () =>
    store.db
      .transaction()
      .execute(async (trx) => {
        let practice = await getPractice(trx, practiceId);
        if (plan.practiceJson) {
          practice = readPracticeJson(plan.practiceJson, practice);
          await updatePractice(trx, practice);
        }
        const files: FileCounts[] = [];
        for (const { entity, path } of plan.files) {
          throwIfAborted(opts.signal);
          const size = sizes.get(path)!;
          let last: ImportProgress | undefined;
          const load = () =>
            importEntityFile(trx, entity, path, practice, {
              issues,
              signal: opts.signal,
              batchSize: opts.batchSize ?? importBatchRows(trx),
              source,
              known,
              onProgress:
                opts.onProgress && ((p) => opts.onProgress!((last = { ...p, entity, size }))),
            });
          files.push(
            size >= INDEXES_AFTER_FROM_BYTES
              ? await withIndexesAfterLoad(trx, entityTable(entity).table, load, () => {
                  if (last) opts.onProgress?.({ ...last, indexing: true });
                })
              : await load(),
          );
        }
        throwIfAborted(opts.signal);
        sortByFileAndLine(issues);
        finished = await finishImport(trx, store, {
          practiceId: practice.practice_id,
          source: sources.join(' '),
          format: 'canonical',
          startedAt,
          files,
          issues,
          reportPath: opts.reportPath,
        });
        throwIfAborted(opts.signal);
        return { practice, files };
      })
      .catch((e: unknown) => {
        finished?.discard();
        throw e;
      })
      .finally(() => source.close()),
  );
  const { importId, status, finishedAt, reportPath } = finished!;
  return { importId, practice, files, issues, status, startedAt, finishedAt, reportPath };
}

/** Imports one canonical folder (see importCanonical). */
export const importCanonicalFolder = (store: Store, folder: string, opts: ImportOptions = {}) =>
  importCanonical(store, [folder], opts);

function practiceIdOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    const id = (JSON.parse(readFileSync(path, 'utf8')) as { practice_id?: unknown }).practice_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Orders issues by file (first appearance) and line, keeping the order within a line. */
function sortByFileAndLine(issues: Issue[]): void {
  const fileRank = new Map<string, number>();
  const keyed = issues.map((i, n) => {
    const { file, line } = splitIssuePath(i.path);
    if (!fileRank.has(file)) fileRank.set(file, fileRank.size);
    return { i, n, file: fileRank.get(file)!, line: Number(line || 0) };
  });
  keyed.sort((a, b) => a.file - b.file || a.line - b.line || a.n - b.n);
  keyed.forEach((k, n) => (issues[n] = k.i));
}
