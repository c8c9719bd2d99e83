import { sql, type Kysely } from 'kysely';
import type { Db } from './database.js';
import { secondaryIndexes } from './dialect.js';
import { ACROSS_PRACTICES } from './practice-tables.js';

/** From this size on, a file loaded into an empty table gets its secondary indexes after it. */
export const INDEXES_AFTER_FROM_BYTES = 16 << 20;

/**
 * Runs `load` (the load of one file into `table`, inside the caller's transaction) with the
 * table's secondary indexes built after the rows rather than kept up row by row, when the table
 * holds no row of any practice: one sort per index instead of a random insert per row into
 * every index, which at millions of rows no longer fit the page cache. The keys stay, so the
 * load's own look-ups by natural key are unchanged, and nothing the load reads uses the
 * dropped indexes. The drop and the rebuild belong to the transaction: a failed load rolls
 * both back with the rows, and readers keep the committed schema until it commits. A table
 * already holding rows is loaded as it is (its indexes are in use by readers). On SQLite the
 * caller's transaction must run under `sortsOnDisk`, or the builds sort in memory.
 */
export async function withIndexesAfterLoad<T>(
  db: Db,
  table: string,
  load: () => Promise<T>,
  /** Called before the indexes are built (only when they were dropped). */
  onBuild?: () => void,
): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of the entity tables.
  const any = db as unknown as Kysely<any>;
  const stored = await any
    .selectFrom(table)
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .modifyEnd(ACROSS_PRACTICES)
    .executeTakeFirst();
  const indexes = stored ? [] : await secondaryIndexes(any, table);
  for (const ix of indexes) await any.schema.dropIndex(ix.name).execute();
  const result = await load();
  if (indexes.length > 0) onBuild?.();
  for (const ix of indexes) await sql.raw(ix.create).execute(any);
  return result;
}
