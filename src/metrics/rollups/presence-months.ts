import { DateTime } from 'luxon';
import { valuesTable } from '../engine/sql-fragments.js';
import type { Bucket } from '../periods/buckets.js';
import { dayNumber } from './local-day.js';

/**
 * For buckets with local-midnight edges in `zone`, the derived tables `pm(md, k, bm, bs, be)`
 * joining rollup_presence rows (by their month's first day md) to the buckets they overlap:
 * bm is the bitmask of the month's days inside bucket k, [bs, be) the bucket's instants.
 * Joined as `pm CROSS JOIN rollup_presence p WHERE p.month_day = pm.md`: SQLite keeps that join
 * order, so each bucket-month reads its rows through the index instead of every row scanning pm.
 */
export function presenceMonths(buckets: readonly Bucket[], zone: string) {
  const rows: { md: number; k: number; bm: number; bs: number; be: number }[] = [];
  buckets.forEach((b, k) => {
    const s = dayNumber(b.start, zone);
    const e = dayNumber(b.end, zone);
    let m = DateTime.fromMillis(b.start, { zone }).startOf('month');
    while (m.toMillis() < b.end) {
      const next = m.plus({ months: 1 });
      const md = dayNumber(m.toMillis(), zone);
      const lo = Math.max(s, md) - md;
      const hi = Math.min(e, dayNumber(next.toMillis(), zone)) - md;
      if (hi > lo) rows.push({ md, k, bm: 2 ** hi - 2 ** lo, bs: b.start, be: b.end });
      m = next;
    }
  });
  const table = (subset: typeof rows) =>
    subset.length === 0
      ? null
      : valuesTable(
          'pm',
          ['md', 'k', 'bm', 'bs', 'be'],
          subset.map((r) => [r.md, r.k, r.bm, r.bs, r.be]),
        );
  // A bucket inside one month meets each user's row of that month once: no distinct needed.
  const months = new Map<number, number>();
  for (const r of rows) months.set(r.k, (months.get(r.k) ?? 0) + 1);
  const long = [...months].filter(([, n]) => n >= LONG).map(([k]) => k);
  return {
    /** Every bucket, each with a row per month it overlaps. */
    all: table(rows),
    /** Buckets lying within one month. */
    single: table(rows.filter((r) => months.get(r.k) === 1)),
    /** Buckets spanning several months, fewer than LONG: a user may have a row in each. */
    multi: table(rows.filter((r) => months.get(r.k)! > 1 && months.get(r.k)! < LONG)),
    /** Buckets of LONG months or more, each with its months in order (read user by user). */
    long: long.map((k) => {
      const own = rows.filter((r) => r.k === k);
      return { k, bs: own[0]!.bs, be: own[0]!.be, months: own.map(({ md, bm }) => ({ md, bm })) };
    }),
  };
}

/**
 * From this many months on, a bucket is counted by walking each user's rows in user order
 * (rollup_presence_who), which reads every row of the kind; shorter ones read their months by
 * the month index and count distinct users.
 */
export const LONG = 12;

/** A bucket of many months: its first and last months may be partial, the ones between are whole. */
export interface LongBucket {
  k: number;
  bs: number;
  be: number;
  months: { md: number; bm: number }[];
}
