import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENTITY_NAMES, type EntityName } from '../model/entities.js';
import { CANONICAL_COLUMNS } from './canonical-columns.js';
import { csvLine } from './csv-line.js';
import { simulatePractice, type SimulateOptions } from './simulate-practice.js';

const CHUNK = 1 << 16;

interface FileOut {
  stream: WriteStream;
  pending: string;
}

async function write(out: FileOut, text: string): Promise<void> {
  if (!out.stream.write(text)) await once(out.stream, 'drain');
}

/**
 * Simulates a practice into a canonical folder: one `<entity>.csv` per entity (header row,
 * RFC 4180 quoting) plus `practice.json`. Rows are streamed with backpressure, never held.
 */
export async function writeCanonicalFolder(
  dir: string,
  options: SimulateOptions = {},
  onProgress?: (counts: Readonly<Record<EntityName, number>>) => void,
): Promise<{ counts: Record<EntityName, number> }> {
  await mkdir(dir, { recursive: true });
  const files = {} as Record<EntityName, FileOut>;
  for (const e of ENTITY_NAMES) {
    const stream = createWriteStream(join(dir, `${e}.csv`), { encoding: 'utf8' });
    files[e] = { stream, pending: CANONICAL_COLUMNS[e].join(',') + '\n' };
  }
  const counts = Object.fromEntries(ENTITY_NAMES.map((e) => [e, 0])) as Record<EntityName, number>;
  const { plan } = await simulatePractice(options, (entity, row) => {
    const out = files[entity];
    counts[entity]++;
    if (onProgress && entity === 'appointments' && counts.appointments % 5000 === 0) {
      onProgress(counts);
    }
    out.pending += csvLine(CANONICAL_COLUMNS[entity], row);
    if (out.pending.length < CHUNK) return;
    const text = out.pending;
    out.pending = '';
    return write(out, text);
  });
  for (const e of ENTITY_NAMES) {
    const out = files[e];
    if (out.pending) await write(out, out.pending);
    out.stream.end();
    await once(out.stream, 'finish');
  }
  const practice = {
    name: plan.name,
    timezone: plan.timezone,
    currency: plan.currency,
    profile: plan.profile,
  };
  await writeFile(join(dir, 'practice.json'), JSON.stringify(practice, null, 2) + '\n');
  return { counts };
}
