import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, type Grouping, type PartValues } from '../engine/grouping.js';
import { bucketIndex, ms } from '../engine/sql-fragments.js';
import { dayBuckets } from './local-day.js';

/**
 * The parts with the given signatures (and their `@currency` splits) summed from
 * rollup_day_parts over the grouping's buckets, whose edges are local midnights of `zone`, the
 * zone the rollups were built in. One statement. `onTheFly` reads the same rows built on the
 * fly instead: a SELECT of rollup_day_parts' columns, in `zone`.
 */
export async function readDayParts(
  db: Db,
  practiceId: string,
  sigs: readonly string[],
  grouping: Grouping,
  zone: string,
  onTheFly?: RawBuilder<unknown>,
): Promise<PartValues> {
  const source = onTheFly === undefined ? sql`rollup_day_parts` : sql`(${onTheFly})`;
  const days = dayBuckets(grouping.buckets, zone);
  const g = grouping.kind === 'time' ? bucketIndex('r.day', days) : sql.lit(0);
  const { rows } = await sql<{ g: number; part: string; v: number }>`
    SELECT ${g} AS g, r.part, SUM(r.value) AS v FROM ${source} r
    WHERE r.practice_id = ${practiceId} AND r.day >= ${ms(days[0]!.start)}
      AND r.day < ${ms(days[days.length - 1]!.end)}
    GROUP BY g, r.part`.execute(db);
  const wanted = new Set(sigs);
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  for (const r of rows) {
    const at = r.part.lastIndexOf('@');
    if (!wanted.has(r.part) && !(at > 0 && wanted.has(r.part.slice(0, at)))) continue;
    const v = Number(r.v);
    addPart(out, TOTAL, r.part, v);
    if (grouping.kind === 'time') addPart(out, grouping.buckets[Number(r.g)]!.key, r.part, v);
  }
  return out;
}
