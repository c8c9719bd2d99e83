import type { RawBuilder } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../../store/database.js';

/** A local calendar month of the practice zone, as the instants [start, end). */
export interface MonthSpan {
  start: number;
  end: number;
}

/**
 * The local months of `zone` that hold at least one instant, in order. `firstFrom(t)` is a
 * statement whose one row's `lo` is the smallest instant ≥ t (null: none): one indexed MIN per
 * month with data, so a lone record decades before the rest costs one month, not every month
 * in between (and time-zone tables are built for those months only).
 */
export async function monthsWithData(
  db: Db,
  zone: string,
  firstFrom: (from: number) => RawBuilder<{ lo: number | string | null }>,
): Promise<MonthSpan[]> {
  const out: MonthSpan[] = [];
  let from = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const { rows } = await firstFrom(from).execute(db);
    const lo = rows[0]?.lo;
    if (lo === null || lo === undefined) return out;
    const month = DateTime.fromMillis(Number(lo), { zone }).startOf('month');
    const span = { start: month.toMillis(), end: month.plus({ months: 1 }).toMillis() };
    out.push(span);
    from = span.end;
  }
}

/** The local months of `zone` that overlap the instants [start, end), in order. */
export function monthsOver(start: number, end: number, zone: string): MonthSpan[] {
  const out: MonthSpan[] = [];
  let m = DateTime.fromMillis(start, { zone }).startOf('month');
  while (m.toMillis() < end) {
    const next = m.plus({ months: 1 });
    out.push({ start: m.toMillis(), end: next.toMillis() });
    m = next;
  }
  return out;
}
