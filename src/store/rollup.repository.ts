import { sql } from 'kysely';
import type { Db } from './database.js';
import { analyzeAfterLoad, executeEach, runsRowByRow } from './dialect.js';
import type { Database } from './tables.js';

/** The rollup tables (migrations 0004, 0013), emptied and refilled together. */
export const ROLLUP_TABLES = [
  'rollup_day_parts',
  'rollup_therapist_days',
  'rollup_clocks',
  'rollup_client_spells',
  'rollup_client_firsts',
  'rollup_presence',
  'rollup_episodes',
  'rollup_episode_months',
] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** Bound parameters per multi-row statement, below every dialect's limit. */
const MAX_PARAMS = 30_000;

/** What the rollups were built from, or undefined when never built. */
export async function rollupState(db: Db, practiceId: string) {
  return db
    .selectFrom('rollup_state')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
}

/**
 * Marks the practice's rollups as being rebuilt and empties them. On PostgreSQL the state row
 * stays locked until the caller's transaction ends, so concurrent rebuilds run one after another.
 */
export async function beginRollupRebuild(db: Db, practiceId: string, timezone: string) {
  await db
    .insertInto('rollup_state')
    .values({ practice_id: practiceId, version: 'building', timezone, built_at: Date.now() })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet({ version: 'building', timezone }))
    .execute();
  for (const t of ROLLUP_TABLES) {
    await db.deleteFrom(t).where('practice_id', '=', practiceId).execute();
  }
}

/** Marks the rebuilt rollups current; their fresh rows get planner statistics (PostgreSQL). */
export async function finishRollupRebuild(db: Db, practiceId: string, version: string) {
  await analyzeAfterLoad(
    db,
    ROLLUP_TABLES.map((table) => ({ table, rows: Number.MAX_SAFE_INTEGER })),
  );
  await db
    .updateTable('rollup_state')
    .set({ version, built_at: Date.now() })
    .where('practice_id', '=', practiceId)
    .execute();
}

/** Appends rows (positional, in the order of `columns`) to a rollup table. */
export async function insertRollupRows<T extends RollupTable>(
  db: Db,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  if (rows.length === 0) return;
  if (runsRowByRow(db)) {
    const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    await executeEach(db, text, rows);
    return;
  }
  const step = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += step) {
    const chunk = rows.slice(i, i + step);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(
      chunk.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`),
    )}`.execute(db);
  }
}

/**
 * Starts an incremental refresh inside the caller's transaction: the state row is locked (on
 * PostgreSQL until the transaction ends, so a refresh or rebuild of another process waits) and
 * read again, or undefined when the rollups were never built.
 */
export async function lockRollupState(db: Db, practiceId: string) {
  await db
    .updateTable('rollup_state')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('practice_id', '=', practiceId)
    .execute();
  return rollupState(db, practiceId);
}

/** Marks incrementally refreshed rollups current (their version, when). */
export async function finishRollupRefresh(db: Db, practiceId: string, version: string) {
  await db
    .updateTable('rollup_state')
    .set({ version, built_at: Date.now() })
    .where('practice_id', '=', practiceId)
    .execute();
}

/** Ids per IN list of a delete: far below every dialect's parameter limit. */
const DELETE_CHUNK = 1_000;

/** Deletes the rows of local days [from, to) of a table keyed by day. */
export async function deleteRollupDays(
  db: Db,
  table: 'rollup_day_parts' | 'rollup_therapist_days',
  practiceId: string,
  ranges: readonly (readonly [number, number])[],
): Promise<void> {
  for (const [from, to] of ranges) {
    await db
      .deleteFrom(table)
      .where('practice_id', '=', practiceId)
      .where('day', '>=', from)
      .where('day', '<', to)
      .execute();
  }
}

/** The rollup tables with a column naming one therapist, conversation or client per row. */
type RowsOf =
  | ['rollup_therapist_days', 'therapist_id']
  | ['rollup_clocks', 'conversation_id']
  | ['rollup_client_spells', 'client_id']
  | ['rollup_client_firsts', 'client_id']
  | ['rollup_episodes', 'client_id']
  | ['rollup_episode_months', 'client_id'];

/** Deletes a rollup table's rows whose column holds one of `ids`. */
export async function deleteRollupRowsOf(
  db: Db,
  [table, column]: RowsOf,
  practiceId: string,
  ids: readonly string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    await db
      .deleteFrom(table)
      .where('practice_id', '=', practiceId)
      .where(column, 'in', ids.slice(i, i + DELETE_CHUNK))
      .execute();
  }
}

/** Deletes the presence rows of one kind ('client', 'therapist', 'care') of the given users. */
export async function deletePresenceOf(
  db: Db,
  practiceId: string,
  kind: string,
  who: readonly string[],
): Promise<void> {
  for (let i = 0; i < who.length; i += DELETE_CHUNK) {
    await db
      .deleteFrom('rollup_presence')
      .where('practice_id', '=', practiceId)
      .where('kind', '=', kind)
      .where('who', 'in', who.slice(i, i + DELETE_CHUNK))
      .execute();
  }
}
