import { sql } from 'kysely';
import type { Db } from './database.js';
import { analyzeAfterLoad, executeEach, runsRowByRow } from './dialect.js';
import type { Database } from './tables.js';

/** The rollup tables of migration 0004, emptied and refilled together. */
export const ROLLUP_TABLES = [
  'rollup_day_parts',
  'rollup_therapist_days',
  'rollup_clocks',
  'rollup_client_spells',
  'rollup_client_firsts',
  'rollup_presence',
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
