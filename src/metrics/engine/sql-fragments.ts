import { sql, type RawBuilder } from 'kysely';
import type { Condition } from '../catalog/catalog.types.js';
import type { Bucket } from '../periods/buckets.js';
import { NONE_KEY } from './grouping.js';

/** A raw, trusted SQL fragment in which `:practice` is bound to the practice id. */
export function fragment(text: string, practiceId: string): RawBuilder<unknown> {
  const pieces = text.split(':practice');
  if (pieces.length === 1) return sql.raw(text);
  return sql.join(
    pieces.map((p) => sql.raw(p)),
    sql`${practiceId}`,
  );
}

/**
 * An epoch-ms parameter compared with a BIGINT column (PostgreSQL infers its type from the
 * column; SQLite would re-evaluate a CAST on every row).
 */
export const ms = (v: number) => sql`${v}`;

/**
 * `col` holds the group key `key` as dimKey reads a value: the "(none)" group is a null or empty
 * value.
 */
export const matchesKey = (col: RawBuilder<unknown>, key: string) =>
  key === NONE_KEY ? sql`(${col} IS NULL OR ${col} = '')` : sql`${col} = ${key}`;

/** An epoch-ms parameter standing alone (a SELECT or THEN value): typed BIGINT explicitly. */
export const msValue = (v: number) => sql`CAST(${v} AS BIGINT)`;

/**
 * The index of the bucket holding instant `column` (rows are already inside the period), as a
 * balanced nested CASE: log2(buckets) comparisons per row, no dialect date functions.
 */
export function bucketIndex(column: string, buckets: Bucket[], lo = 0, hi = buckets.length - 1) {
  if (lo === hi) return sql.lit(lo);
  const mid = Math.floor((lo + hi + 1) / 2);
  const col = sql.raw(column);
  const left: RawBuilder<unknown> = bucketIndex(column, buckets, lo, mid - 1);
  const right: RawBuilder<unknown> = bucketIndex(column, buckets, mid, hi);
  return sql`CASE WHEN ${col} < ${ms(buckets[mid]!.start)} THEN ${left} ELSE ${right} END`;
}

/**
 * Integer rows as a derived table `alias(columns…)`. Written as VALUES, which neither dialect
 * limits in length (SQLite allows only 500 terms in a UNION ALL); both name VALUES columns
 * column1, column2, …; the first row is typed BIGINT so that PostgreSQL types every row so.
 */
export function valuesTable(alias: string, columns: readonly string[], rows: readonly number[][]) {
  const names = columns.map((c, i) => sql.raw(`v.column${i + 1} AS ${c}`));
  const values = rows.map(
    (r, i) =>
      sql`(${sql.join(r.map((v) => (i === 0 ? sql`CAST(${sql.lit(v)} AS BIGINT)` : sql.lit(v))))})`,
  );
  return sql`(SELECT ${sql.join(names)} FROM (VALUES ${sql.join(values)}) v) ${sql.raw(alias)}`;
}

/** The buckets as a derived table `b(k, bs, be)` for joins on intervals. */
export function bucketTable(buckets: Bucket[]) {
  return valuesTable(
    'b',
    ['k', 'bs', 'be'],
    buckets.map((b, i) => [i, b.start, b.end]),
  );
}

/** A catalog condition as SQL over the source's column map. */
export function conditionSql(c: Condition, columns: Record<string, string>): RawBuilder<unknown> {
  if ('all' in c)
    return sql`(${sql.join(
      c.all.map((x) => conditionSql(x, columns)),
      sql` AND `,
    )})`;
  if ('any' in c)
    return sql`(${sql.join(
      c.any.map((x) => conditionSql(x, columns)),
      sql` OR `,
    )})`;
  const ref = sql.raw(columns[c.column]!);
  if ('isNull' in c) return c.isNull ? sql`${ref} IS NULL` : sql`${ref} IS NOT NULL`;
  // Catalog constants (validated at start-up), inlined: SQLite evaluates a literal IN list per
  // row far faster than a parameter list.
  return sql`${ref} IN (${sql.join(c.in.map((v) => sql.lit(v)))})`;
}
