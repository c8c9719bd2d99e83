import { sql, type RawBuilder } from 'kysely';
import { DateTime } from 'luxon';
import type { Bucket } from '../periods/buckets.js';
import { offsetSpans, type OffsetSpan } from '../periods/utc-offsets.js';
import type { MonthSpan } from './months-with-data.js';

export const DAY = 86_400_000;
/** Days added before the integer division so that it floors instants before 1970 too. */
const SHIFT = 1_000_000;

/** The local day number of an instant in `zone`: floor((instant + UTC offset) / 1 day). */
export function dayNumber(ms: number, zone: string): number {
  return Math.floor((ms + DateTime.fromMillis(ms, { zone }).offset * 60_000) / DAY);
}

/** Buckets whose edges are local midnights of `zone`, as buckets of local day numbers. */
export function dayBuckets(buckets: readonly Bucket[], zone: string): Bucket[] {
  return buckets.map((b) => ({
    key: b.key,
    start: dayNumber(b.start, zone),
    end: dayNumber(b.end, zone),
  }));
}

function offsetTree(
  column: string,
  spans: OffsetSpan[],
  lo: number,
  hi: number,
): RawBuilder<unknown> {
  if (lo === hi) return sql.lit(spans[lo]!.offsetMs);
  const mid = Math.floor((lo + hi + 1) / 2);
  return sql`CASE WHEN ${sql.raw(column)} < ${sql.lit(spans[mid]!.start)} THEN ${offsetTree(column, spans, lo, mid - 1)} ELSE ${offsetTree(column, spans, mid, hi)} END`;
}

/**
 * SQL for the local day number of the instant `column` (epoch ms) in `zone`, exact for instants
 * in [from, to): the UTC offset comes from a balanced CASE over the zone's offset spans, so the
 * text is dialect-neutral and DST-correct.
 */
export function localDaySql(column: string, zone: string, from: number, to: number) {
  const spans = offsetSpans(from, Math.max(to, from + 1), zone);
  const offset = offsetTree(column, spans, 0, spans.length - 1);
  return sql`((${sql.raw(column)} + ${offset} + ${sql.lit(SHIFT * DAY)}) / ${sql.lit(DAY)} - ${sql.lit(SHIFT)})`;
}

/**
 * SQL for the local day number of the instant `column` in `zone`, exact for instants inside the
 * given months (ascending; see monthsWithData) and unspecified between them, where no row is.
 */
export function localDaySqlIn(column: string, zone: string, months: readonly MonthSpan[]) {
  const spans = months.flatMap((m) => offsetSpans(m.start, m.end, zone));
  if (spans.length === 0) spans.push({ start: 0, end: 1, offsetMs: 0 });
  const offset = offsetTree(column, spans, 0, spans.length - 1);
  return sql`((${sql.raw(column)} + ${offset} + ${sql.lit(SHIFT * DAY)}) / ${sql.lit(DAY)} - ${sql.lit(SHIFT)})`;
}
