import { parentPort } from 'node:worker_threads';
import { AHEAD, type ReadRequest } from './table-batch-source.js';
import { readTableBatches } from './table-batches.js';

/*
 * The worker side of the table-batch source: reads, validates and normalises the files it is
 * asked for, one at a time, and posts their batches; at most AHEAD batches wait unacknowledged.
 */

const port = parentPort!;
let credit = AHEAD;
let wake: (() => void) | undefined;
let queue = Promise.resolve();

port.on('message', (m: ReadRequest | { type: 'ack' }) => {
  if (m.type === 'ack') {
    credit++;
    wake?.();
    return;
  }
  queue = queue.then(() => read(m));
});

async function read(m: ReadRequest): Promise<void> {
  try {
    const opts = { batchSize: m.batchSize, label: m.label, encoding: m.encoding };
    for await (const batch of readTableBatches(m.entity, m.path, m.practice, opts)) {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credit--;
      port.postMessage({ type: 'batch', id: m.id, batch });
    }
    port.postMessage({ type: 'end', id: m.id });
  } catch (error) {
    port.postMessage({ type: 'error', id: m.id, error });
  }
}
