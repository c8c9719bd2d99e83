import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import type { AdditivePart } from '../catalog/catalog.types.js';
import type { SourceDef } from '../catalog/sources.js';
import type { Period } from '../periods/period.js';
import { TOTAL, addPart, dimKey, type Grouping, type PartValues } from './grouping.js';
import type { FilterTerm } from './kpi-filter.js';
import { bucketIndex, bucketTable, conditionSql, fragment, ms } from './sql-fragments.js';

/** A part to read, under the signature the engine dedupes parts by. */
export interface PartRequest {
  sig: string;
  def: AdditivePart;
}

function aggregate(part: AdditivePart, source: SourceDef): RawBuilder<unknown> {
  const filter = part.filter ? conditionSql(part.filter, source.columns) : null;
  const m = part.measure;
  const measure = m
    ? sql.raw('column' in m ? source.columns[m.column]! : source.exprs[m.expr]!)
    : null;
  if (part.agg === 'count') {
    return filter ? sql`SUM(CASE WHEN ${filter} THEN 1 ELSE 0 END)` : sql`COUNT(*)`;
  }
  const value = filter ? sql`CASE WHEN ${filter} THEN ${measure} END` : measure;
  return part.agg === 'sum' ? sql`SUM(${value})` : sql`COUNT(DISTINCT ${value})`;
}

/** How the source matches a filter's dimension, or undefined when it cannot be filtered by it. */
export const sourceFilter = (source: SourceDef, dim: FilterTerm['dim']) =>
  source.filters?.[dim] ?? source.dims[dim];

/**
 * Reads every requested part of one source in ONE grouped query: rows attributed to the period
 * by the source's time column (interval sources: clamped to each bucket), grouped as asked.
 * A split source (payments) reports each part per currency as `<sig>@<currency>`. Only rows
 * matching every filter term are read (the caller checks the source can be filtered by them).
 */
export async function readSource(
  db: Db,
  practiceId: string,
  source: SourceDef,
  parts: PartRequest[],
  grouping: Grouping,
  period: Period,
  filters: FilterTerm[] = [],
): Promise<PartValues> {
  const f = (text: string) => fragment(text, practiceId);
  const select: RawBuilder<unknown>[] = parts.map(
    (p, i) => sql`${aggregate(p.def, source)} AS ${sql.raw(`p${i}`)}`,
  );
  const joins: RawBuilder<unknown>[] = [];
  const joinCache = new Map<string, RawBuilder<unknown>>();
  const joinOf = (text: string) => {
    let j = joinCache.get(text);
    if (!j) joinCache.set(text, (j = f(text)));
    return j;
  };
  const groupBy: RawBuilder<unknown>[] = [];
  let where: RawBuilder<unknown>;
  const interval = 'interval' in source.time ? source.time.interval : null;
  if (interval) {
    const buckets =
      grouping.kind === 'time'
        ? grouping.buckets
        : [{ key: TOTAL, start: period.start, end: period.end }];
    joins.push(
      sql`JOIN ${bucketTable(buckets)} ON ${sql.raw(interval[0])} < b.be AND ${sql.raw(interval[1])} > b.bs`,
    );
    where = sql`${sql.raw(interval[0])} < ${ms(period.end)} AND ${sql.raw(interval[1])} > ${ms(period.start)}`;
    if (grouping.kind === 'time') {
      select.push(sql`b.k AS g`);
      groupBy.push(sql`g`);
    }
  } else {
    const time = sql.raw((source.time as { point: string }).point);
    where = sql`${time} >= ${ms(period.start)} AND ${time} < ${ms(period.end)}`;
    if (grouping.kind === 'time') {
      const g = bucketIndex((source.time as { point: string }).point, grouping.buckets);
      select.push(sql`${g} AS g`);
      groupBy.push(sql`g`);
    }
  }
  if (grouping.kind === 'dim') {
    const dim = source.dims[grouping.dim]!;
    if (dim.join) joins.push(joinOf(dim.join));
    select.push(sql`${sql.raw(dim.sql)} AS g`);
    groupBy.push(sql`g`);
  }
  for (const term of filters) {
    const match = sourceFilter(source, term.dim)!;
    if (match.join && !joins.some((j) => j === joinOf(match.join!))) joins.push(joinOf(match.join));
    where = sql`${where} AND ${sql.raw(match.sql)} = ${term.value}`;
  }
  if (source.splitBy) {
    select.push(sql`${sql.raw(source.splitBy)} AS split`);
    groupBy.push(sql`split`);
  }
  const query = sql<
    Record<string, unknown>
  >`SELECT ${sql.join(select)} FROM ${f(source.from)} ${sql.join(joins, sql` `)} WHERE ${sql.raw(source.practiceColumn)} = ${practiceId} AND ${where}${groupBy.length ? sql` GROUP BY ${sql.join(groupBy)}` : sql``}`;
  const { rows } = await query.execute(db);
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  for (const row of rows) {
    const key =
      grouping.kind === 'time'
        ? grouping.buckets[Number(row.g)]!.key
        : grouping.kind === 'dim'
          ? dimKey(row.g)
          : TOTAL;
    const suffix = source.splitBy ? `@${String(row.split)}` : '';
    parts.forEach((p, i) => {
      const v = Number(row[`p${i}`] ?? 0);
      addPart(out, key, p.sig + suffix, v);
      if (key !== TOTAL) addPart(out, TOTAL, p.sig + suffix, v);
    });
  }
  return out;
}
