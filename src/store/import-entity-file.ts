import { basename } from 'node:path';
import type { ValidRow } from '../ingest/read-entity-batches.js';
import { localBatchSource, type TableBatchSource } from '../ingest/table-batch-source.js';
import type { Cell, TableBatch } from '../ingest/table-batches.js';
import { AppError } from '../model/app-error.js';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import type { Practice } from '../model/practice.js';
import { checkActivityUsers, type UnknownUsers } from './check-activity-users.js';
import { checkReferences, KnownIds } from './check-references.js';
import type { Db } from './database.js';
import { hasRows, rowsByKey, upsertRows, type Row } from './entity.repository.js';
import { entityTable } from './entity-tables.js';
import { emptyCounts, type FileCounts } from './import-file-counts.js';
import { FileKeys } from './import-file-keys.js';
import { markRollupWrites } from './rollup-marks.repository.js';

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
  /** Where batches are read (default: in this thread). */
  source?: TableBatchSource;
  /** Ids known to exist, shared by the files of one import. */
  known?: KnownIds;
}

/**
 * Where the rows of a batch source came from, for issue paths: `line` is the number a batch
 * gives a row in `lines` (a CSV line, or a record's ordinal for other sources).
 */
export interface RowLocator {
  /** The issue path of a row, or of one of its fields. */
  path(line: number, field?: string): string;
  /** How a message names the row (`line 12`). */
  name(line: number): string;
}

/** Rows located by `file:line[:field]`, as in a CSV file. */
export const fileLocator = (file: string): RowLocator => ({
  path: (line, field) => (field ? `${file}:${line}:${field}` : `${file}:${line}`),
  name: (line) => `line ${line}`,
});

/** Entities that other entities reference: their loaded ids are remembered for the checks. */
const REFERENCED = new Set<EntityName>(
  ENTITY_NAMES.flatMap((e) => Object.values(ENTITIES[e].refs) as EntityName[]),
);

/** The table an activity row's user_type names. */
const USER_TABLES: Record<string, EntityName | undefined> = {
  client: 'clients',
  therapist: 'therapists',
};

/** Throws when the import was asked to stop; the caller's transaction then rolls back. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    throw new AppError('BAD_INPUT', 'the import was interrupted: every change was rolled back');
  }
}

/**
 * Loads one entity file into the store inside the caller's transaction (see importTableBatches).
 */
export async function importEntityFile(
  db: Db,
  entity: EntityName,
  path: string,
  practice: Practice,
  opts: ImportFileOptions,
): Promise<FileCounts> {
  const file = basename(path);
  const source = opts.source ?? localBatchSource();
  const batches = source.batches(entity, path, practice, { batchSize: opts.batchSize ?? 500 });
  return importTableBatches(db, entity, file, batches, practice, fileLocator(file), opts);
}

/**
 * Loads the table batches of one entity into the store inside the caller's transaction: per
 * batch, dangling references are rejected, duplicate keys resolved (the last row wins, with a
 * warning), stored rows compared by key, and new or changed rows upserted. `file` names the
 * source in the counts; `at` turns a row's line into an issue path.
 */
export async function importTableBatches(
  db: Db,
  entity: EntityName,
  file: string,
  batches: AsyncIterable<TableBatch>,
  practice: Practice,
  at: RowLocator,
  opts: Omit<ImportFileOptions, 'source' | 'batchSize'>,
): Promise<FileCounts> {
  const practiceId = practice.practice_id;
  const counts = emptyCounts(file, entity);
  const { key, id } = entityTable(entity);
  const known = opts.known ?? new KnownIds();
  const unknownUsers: UnknownUsers = { count: 0, lines: [] };
  const duplicate = (earlier: number, later: number, k: string) =>
    issue(
      'warning',
      'duplicate_in_file',
      `the key ${key.join('+')} = ${k.replaceAll('\u001f', '+')} appears again at ${at.name(later)}: the last row wins`,
      at.path(earlier),
    );
  // With no stored row of the practice at the start, a key is stored only if an earlier batch
  // of this file loaded it: only those keys need looking up.
  const storedBefore = await hasRows(db, entity, practiceId);
  /** The keys seen in earlier batches of this file (see FileKeys). */
  const fileKeys = new FileKeys();
  try {
    for await (const batch of batches) {
      throwIfAborted(opts.signal);
      counts.read += batch.read;
      counts.rejected += batch.rejected;
      for (const i of batch.issues) {
        opts.issues.push(i);
        if (i.severity === 'warning') counts.warnings++;
      }
      const { columns, lines, values } = batch;
      const refs = await checkReferences(db, entity, practiceId, batch, at.path, known);
      counts.rejected += refs.rejected;
      opts.issues.push(...refs.issues);
      if (entity === 'activity') {
        // Users already known to exist need no look-up: pass on only the others.
        const [type, user] = [columns.indexOf('user_type'), columns.indexOf('user_id')];
        const unsure: ValidRow[] = [];
        for (const n of refs.kept) {
          const v = values[n]!;
          const of = USER_TABLES[String(v[type])];
          if (of && known.has(of, String(v[user]))) continue;
          unsure.push({
            line: lines[n]!,
            row: Object.fromEntries(columns.map((c, i) => [c, v[i]!])),
          });
        }
        await checkActivityUsers(db, practiceId, unsure, unknownUsers);
      }
      const keyAt = key.map((k) => columns.indexOf(k));
      const keyOf =
        keyAt.length === 1
          ? (v: Cell[]) => String(v[keyAt[0]!] ?? '')
          : (v: Cell[]) => keyAt.map((c) => v[c] ?? '').join('\u001f');
      // The last row of each key in the batch, in order of first appearance.
      const latest = new Map<string, number>();
      /** Per row in order: a repeat within the batch (sure), or a key of an earlier batch maybe. */
      const found: Array<{ k: string; earlier?: number; later: number }> = [];
      const lookUp: string[] = [];
      for (const n of refs.kept) {
        const k = keyOf(values[n]!);
        const inBatch = latest.get(k);
        if (inBatch !== undefined) {
          found.push({ k, earlier: lines[inBatch]!, later: lines[n]! });
        } else if (fileKeys.mightHave(k)) {
          found.push({ k, later: lines[n]! });
          lookUp.push(k);
        }
        latest.set(k, n);
      }
      const rows = [...latest.values()].map((n) => values[n]!);
      const look = storedBefore ? rows : lookUp.map((k) => values[latest.get(k)!]!);
      const stored = new Map<string, Row>();
      const keyTuples = look.map((v) => keyAt.map((c) => v[c]!));
      for (const s of await rowsByKey(db, entity, practiceId, keyTuples)) {
        stored.set(key.map((k) => s[k] ?? '').join('\u001f'), s);
      }
      for (const d of found) {
        if (d.earlier !== undefined) {
          counts.warnings++;
          opts.issues.push(duplicate(d.earlier, d.later, d.k));
        } else if (storedBefore || stored.has(d.k)) {
          // A key of an earlier batch is stored by now: with nothing stored before the file,
          // one not stored was the filter's false alarm.
          fileKeys.maybeRepeat(d.k, d.later, opts.issues.length);
        }
      }
      fileKeys.add([...latest].map(([k, n]) => [k, lines[n]!]));
      const write: Cell[][] = [];
      for (const v of rows) {
        const s = stored.get(keyOf(v));
        if (!s) counts.inserted++;
        else if (same(columns, v, s)) {
          counts.unchanged++;
          continue;
        } else counts.updated++;
        write.push(v);
      }
      await markRollupWrites(db, practice, entity, columns, write, (v) => stored.get(keyOf(v)));
      await upsertRows(db, entity, columns, write);
      if (REFERENCED.has(entity)) {
        const c = columns.indexOf(id);
        for (const v of rows) known.add(entity, String(v[c]));
      }
      opts.onProgress?.({ file, rows: counts.read, bytes: batch.bytes });
    }
    // Repeats across batches, confirmed now: each warning goes where it was noted.
    const repeats = await fileKeys.repeats();
    if (repeats.length > 0) {
      counts.warnings += repeats.length;
      const all = opts.issues.splice(0);
      let r = 0;
      for (let i = 0; i <= all.length; i++) {
        for (; r < repeats.length && repeats[r]!.tag <= i; r++) {
          const d = repeats[r]!;
          opts.issues.push(duplicate(d.earlier, d.later, d.key));
        }
        if (i < all.length) opts.issues.push(all[i]!);
      }
    }
  } finally {
    fileKeys.close();
  }
  if (unknownUsers.count > 0) {
    counts.warnings += unknownUsers.count;
    const lines = unknownUsers.lines.sort((a, b) => a - b);
    opts.issues.push(
      issue(
        'warning',
        'unknown_user',
        `${unknownUsers.count} row(s) name a user_id not in clients or therapists (kept); first at ${describeLines(at, lines)}`,
        at.path(lines[0]!, 'user_id'),
      ),
    );
  }
  return counts;
}

/** `line(s) 3, 5` for CSV rows; each row's own name otherwise. */
function describeLines(at: RowLocator, lines: number[]): string {
  const names = lines.map((l) => at.name(l));
  return names.every((n, i) => n === `line ${lines[i]}`)
    ? `line(s) ${lines.join(', ')}`
    : names.join(', ');
}

function same(columns: string[], v: Cell[], s: Row): boolean {
  for (let c = 0; c < columns.length; c++) if (v[c] !== s[columns[c]!]) return false;
  return true;
}
