import { basename } from 'node:path';
import { readEntityBatches, type ValidRow } from '../ingest/read-entity-batches.js';
import { AppError } from '../model/app-error.js';
import type { EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import type { Practice } from '../model/practice.js';
import { checkActivityUsers, type UnknownUsers } from './check-activity-users.js';
import { checkReferences } from './check-references.js';
import type { Db } from './database.js';
import { rowsByKey, upsertRows, type Row } from './entity.repository.js';
import { entityTable } from './entity-tables.js';
import { emptyCounts, type FileCounts } from './import-file-counts.js';

export interface FileProgress {
  file: string;
  rows: number;
  bytes: number;
}

export interface ImportFileOptions {
  issues: Issue[];
  signal?: AbortSignal;
  onProgress?: (p: FileProgress) => void;
  batchSize?: number;
}

/** SQLite allows 32,766 parameters per statement: keep every batch well under it. */
const MAX_PARAMS = 30_000;

const same = (a: Row, b: Row): boolean => {
  for (const c in a) if (a[c] !== b[c]) return false;
  return true;
};

/** Throws when the import was asked to stop; the caller's transaction then rolls back. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    throw new AppError('BAD_INPUT', 'the import was interrupted: every change was rolled back');
  }
}

/**
 * Loads one entity file into the store inside the caller's transaction: per batch, dangling
 * references are rejected, duplicate keys resolved (the last row wins, with a warning), stored
 * rows compared by key, and new or changed rows written in one multi-row upsert.
 */
export async function importEntityFile(
  db: Db,
  entity: EntityName,
  path: string,
  practice: Practice,
  opts: ImportFileOptions,
): Promise<FileCounts> {
  const file = basename(path);
  const counts = emptyCounts(file, entity);
  const { key } = entityTable(entity);
  const keyOf = (r: Row) => key.map((k) => r[k]).join('\u001f');
  const fileKeys = new Map<string, number>();
  const unknownUsers: UnknownUsers = { count: 0, lines: [] };
  const duplicate = (earlier: number, later: number, k: string) => {
    counts.warnings++;
    opts.issues.push(
      issue(
        'warning',
        'duplicate_in_file',
        `the key ${key.join('+')} = ${k.replaceAll('\u001f', '+')} appears again at line ${later}: the last row wins`,
        `${file}:${earlier}`,
      ),
    );
  };
  const batchSize = opts.batchSize ?? 500;
  for await (const batch of readEntityBatches(entity, path, practice, { batchSize })) {
    throwIfAborted(opts.signal);
    counts.read += batch.read;
    counts.rejected += batch.rejected;
    for (const i of batch.issues) {
      opts.issues.push(i);
      if (i.severity === 'warning') counts.warnings++;
    }
    const refs = await checkReferences(db, entity, practice.practice_id, batch.rows, file);
    counts.rejected += refs.rejected;
    opts.issues.push(...refs.issues);
    if (entity === 'activity') {
      await checkActivityUsers(db, practice.practice_id, refs.kept, unknownUsers);
    }
    const latest = new Map<string, ValidRow>();
    for (const r of refs.kept) {
      const k = keyOf(r.row);
      const before = fileKeys.get(k);
      if (before !== undefined) duplicate(before, r.line, k);
      fileKeys.set(k, r.line);
      latest.set(k, r);
    }
    const rows = [...latest.values()].map((r) => r.row);
    const width = Object.keys(rows[0] ?? {}).length || 1;
    const step = Math.max(1, Math.floor(MAX_PARAMS / width));
    for (let i = 0; i < rows.length; i += step) {
      await writeChunk(db, entity, practice.practice_id, rows.slice(i, i + step), keyOf, counts);
    }
    opts.onProgress?.({ file, rows: counts.read, bytes: batch.bytes });
  }
  if (unknownUsers.count > 0) {
    counts.warnings += unknownUsers.count;
    const lines = unknownUsers.lines.sort((a, b) => a - b);
    opts.issues.push(
      issue(
        'warning',
        'unknown_user',
        `${unknownUsers.count} row(s) name a user_id not in clients or therapists (kept); first at line(s) ${lines.join(', ')}`,
        `${file}:${lines[0]}:user_id`,
      ),
    );
  }
  return counts;
}

async function writeChunk(
  db: Db,
  entity: EntityName,
  practiceId: string,
  rows: Row[],
  keyOf: (r: Row) => string,
  counts: FileCounts,
): Promise<void> {
  const stored = new Map<string, Row>();
  for (const s of await rowsByKey(db, entity, practiceId, rows)) stored.set(keyOf(s), s);
  const write: Row[] = [];
  for (const r of rows) {
    const s = stored.get(keyOf(r));
    if (!s) counts.inserted++;
    else if (same(r, s)) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    write.push(r);
  }
  await upsertRows(db, entity, write);
}
