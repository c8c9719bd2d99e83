import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Cell } from '../ingest/table-batches.js';
import type { EntityName } from '../model/entities.js';
import type { Db } from './database.js';
import { canCopy, copyInto, executeEach, runsRowByRow } from './dialect.js';
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

/** True when the practice has at least one row in the entity's table. */
export async function hasRows(db: Db, entity: EntityName, practiceId: string): Promise<boolean> {
  const { table } = entityTable(entity);
  const row = await anyDb(db)
    .selectFrom(table)
    .select('practice_id')
    .where('practice_id', '=', practiceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The stored rows whose natural key (values in the order of the entity's key) is in `keys`. */
export async function rowsByKey(
  db: Db,
  entity: EntityName,
  practiceId: string,
  keys: Cell[][],
): Promise<Row[]> {
  if (keys.length === 0) return [];
  const { table, key } = entityTable(entity);
  if (key.length === 1) {
    keys = [...new Set(keys.map((k) => k[0]))].map((v) => [v as Cell]);
  }
  const out: Row[] = [];
  const step = Math.max(1, Math.floor(MAX_PARAMS / key.length));
  for (let i = 0; i < keys.length; i += step)
    out.push(...(await keysJoined(db, table, key, practiceId, keys.slice(i, i + step))));
  return out;
}

/** Compiled key look-ups by table, key types and number of keys: built once, run per batch. */
const keyLookups = new Map<string, string>();

async function keysJoined(
  db: Db,
  table: string,
  key: string[],
  practiceId: string,
  keys: Cell[][],
): Promise<Row[]> {
  // Untyped parameters in VALUES are text on PostgreSQL: numbers are cast to compare as numbers.
  const typeOf = key.map((_, n) =>
    keys.every((k) => typeof k[n] === 'number')
      ? keys.every((k) => Number.isInteger(k[n]))
        ? 'BIGINT'
        : 'DOUBLE PRECISION'
      : null,
  );
  // The text differs per dialect (placeholders): one process may hold stores of both.
  const sig = `${runsRowByRow(anyDb(db))}|${table}|${typeOf.join(',')}|${keys.length}`;
  let text = keyLookups.get(sig);
  if (text === undefined) {
    const value = (n: number) =>
      typeOf[n] ? sql`CAST(${null} AS ${sql.raw(typeOf[n])})` : sql`${null}`;
    const row = sql`(${sql.join(key.map((_, n) => value(n)))})`;
    const values = sql.join(keys.map(() => row));
    const on = sql.join(
      key.map((c, n) => sql`t.${sql.ref(c)} = k.${sql.raw(`column${n + 1}`)}`),
      sql` AND `,
    );
    // CROSS JOIN keeps the keys the outer loop on SQLite (which, without statistics, would
    // otherwise scan the practice's rows); PostgreSQL plans it as the inner join it is.
    text = sql`SELECT t.* FROM (VALUES ${values}) AS k
      CROSS JOIN ${sql.table(table)} t WHERE t.practice_id = ${null} AND ${on}`.compile(
      anyDb(db),
    ).sql;
    if (keyLookups.size > 256) keyLookups.clear();
    keyLookups.set(sig, text);
  }
  const { rows } = await anyDb(db).executeQuery<Row>(
    CompiledQuery.raw(text, [...keys.flat(), practiceId]),
  );
  return rows;
}

/** SQLite allows 32,766 parameters per statement: keep every multi-row statement under it. */
const MAX_PARAMS = 30_000;

/** ON CONFLICT of the natural key: the other columns take the new row's values. */
const onKeyConflict = (entity: EntityName, columns: string[]) => {
  const { key } = entityTable(entity);
  const conflict = ['practice_id', ...key];
  const rest = columns.filter((c) => !conflict.includes(c));
  return (oc: any) =>
    rest.length === 0
      ? oc.columns(conflict).doNothing()
      : oc
          .columns(conflict)
          .doUpdateSet((eb: any) =>
            Object.fromEntries(rest.map((c) => [c, eb.ref(`excluded.${c}`)])),
          );
};

const upsertQuery = (db: Db, entity: EntityName, rows: Row[]) =>
  anyDb(db)
    .insertInto(entityTable(entity).table)
    .values(rows)
    .onConflict(onKeyConflict(entity, Object.keys(rows[0]!)));

/** A compiled single-row upsert and, per parameter, the column its value comes from. */
interface SingleRowUpsert {
  sql: string;
  order: number[];
}
const singleRow = new Map<string, SingleRowUpsert>();

function singleRowUpsert(db: Db, entity: EntityName, columns: string[]): SingleRowUpsert {
  const k = `${entity}|${columns.join(',')}`;
  let s = singleRow.get(k);
  if (!s) {
    // Compile with marker values, then read back which column each parameter carries.
    const marker = (n: number) => `\u0000rapport-column-${n}`;
    const compiled = upsertQuery(db, entity, [
      Object.fromEntries(columns.map((c, n) => [c, marker(n)])),
    ]).compile();
    const order = compiled.parameters.map((p) => {
      const n = columns.findIndex((_, i) => p === marker(i));
      if (n < 0) throw new Error(`upsert of ${entity}: unexpected parameter ${String(p)}`);
      return n;
    });
    s = { sql: compiled.sql, order };
    singleRow.set(k, s);
  }
  return s;
}

/**
 * The rows sorted by their natural key. PostgreSQL locks each row an upsert updates until the
 * transaction ends, in the order the statement reaches them: two pushes updating the same
 * records in different orders each held one the other wanted ("deadlock detected", one of them
 * rolled back). In one order for every writer, the later one only waits. (SQLite runs one
 * writing transaction at a time: no row locks to order.)
 */
function inKeyOrder(entity: EntityName, columns: string[], rows: Cell[][]): Cell[][] {
  const at = entityTable(entity).key.map((k) => columns.indexOf(k));
  const keyOf = (r: Cell[]) => at.map((i) => String(r[i] ?? '')).join('\u0000');
  return rows
    .map((r) => ({ r, k: keyOf(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.r);
}

/** From this many rows a batch goes to PostgreSQL through COPY rather than a multi-row INSERT. */
export const COPY_FROM_ROWS = 100;

/**
 * Inserts rows (positional, in the order of `columns`), or updates the stored row with the same
 * natural key. Where the database runs statements row by row faster (SQLite), one compiled
 * single-row upsert runs per row. On PostgreSQL a batch of COPY_FROM_ROWS or more is staged
 * through COPY and upserted by one `INSERT … SELECT` (no parameters to bind or parse per value);
 * smaller ones are multi-row upserts under the parameter limit. Inside the caller's
 * transaction, or one of its own.
 */
export async function upsertRows(
  db: Db,
  entity: EntityName,
  columns: string[],
  rows: Cell[][],
): Promise<void> {
  if (rows.length === 0) return;
  if (runsRowByRow(anyDb(db))) {
    const { sql, order } = singleRowUpsert(db, entity, columns);
    const identity = order.length === columns.length && order.every((c, n) => c === n);
    const params = identity ? rows : rows.map((r) => order.map((c) => r[c]));
    await executeEach(anyDb(db), sql, params);
    return;
  }
  rows = inKeyOrder(entity, columns, rows);
  if (canCopy(anyDb(db)) && rows.length >= COPY_FROM_ROWS) {
    if (!db.isTransaction) {
      await db.transaction().execute((trx) => upsertRows(trx, entity, columns, rows));
      return;
    }
    const { table } = entityTable(entity);
    const staged = await copyInto(anyDb(db), table, columns, rows);
    await anyDb(db)
      .insertInto(table)
      .columns(columns)
      .expression(anyDb(db).selectFrom(staged).select(columns))
      .onConflict(onKeyConflict(entity, columns))
      .execute();
    return;
  }
  const step = Math.max(1, Math.floor(MAX_PARAMS / (columns.length || 1)));
  for (let i = 0; i < rows.length; i += step) {
    const objects = rows
      .slice(i, i + step)
      .map((r) => Object.fromEntries(columns.map((c, n) => [c, r[n]])) as Row);
    await upsertQuery(db, entity, objects).execute();
  }
}
