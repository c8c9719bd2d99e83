import type { Kysely } from 'kysely';
import type { EntityName } from '../model/entities.js';
import type { Db } from './database.js';
import { entityTable } from './entity-tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- one generic repository over ten tables. */

/** A stored row of any entity table: column → text, number or null. */
export type Row = Record<string, string | number | null>;

const anyDb = (db: Db) => db as unknown as Kysely<any>;

/** The ids among `ids` that exist in the entity's table for the practice. */
export async function existingIds(
  db: Db,
  entity: EntityName,
  practiceId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { table, id } = entityTable(entity);
  const rows = await anyDb(db)
    .selectFrom(table)
    .select(id)
    .where('practice_id', '=', practiceId)
    .where(id, 'in', ids)
    .execute();
  return new Set(rows.map((r) => String(r[id])));
}

/** The stored rows whose natural key matches one of `rows`' keys. */
export async function rowsByKey(
  db: Db,
  entity: EntityName,
  practiceId: string,
  rows: Row[],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const { table, key } = entityTable(entity);
  let q = anyDb(db).selectFrom(table).selectAll().where('practice_id', '=', practiceId);
  if (key.length === 1) {
    const k = key[0]!;
    q = q.where(k, 'in', [...new Set(rows.map((r) => r[k]))]);
  } else {
    q = q.where((eb) => eb.or(rows.map((r) => eb.and(key.map((k) => eb(k, '=', r[k] as any))))));
  }
  return (await q.execute()) as Row[];
}

/**
 * Inserts rows, or updates the stored row with the same natural key: one multi-row statement.
 * Rows must all have the same columns; the caller keeps the batch under the parameter limit.
 */
export async function upsertRows(db: Db, entity: EntityName, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { table, key } = entityTable(entity);
  const conflict = ['practice_id', ...key];
  const rest = Object.keys(rows[0]!).filter((c) => !conflict.includes(c));
  await anyDb(db)
    .insertInto(table)
    .values(rows)
    .onConflict((oc) =>
      rest.length === 0
        ? oc.columns(conflict).doNothing()
        : oc
            .columns(conflict)
            .doUpdateSet((eb) => Object.fromEntries(rest.map((c) => [c, eb.ref(`excluded.${c}`)]))),
    )
    .execute();
}
