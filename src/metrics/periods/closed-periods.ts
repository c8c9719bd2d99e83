import { DateTime } from 'luxon';
import { bucketKey } from './buckets.js';
import { addDays, addMonths, monthStart, parseIso } from './local-days.js';
import { makePeriod } from './period.js';

/** A closed ISO week or month: its key (`2026-W05`, `2026-02`) and local days, both inclusive. */
export interface ClosedPeriod {
  key: string;
  from: string;
  to: string;
}

/** The local day (YYYY-MM-DD) of `now` in `zone`. */
export const localToday = (now: number, zone: string): string =>
  DateTime.fromMillis(now, { zone }).toISODate() ?? '1970-01-01';

/**
 * Every closed period from the ISO week (Monday to Sunday) or month that holds `startDate` to the
 * last one whose last day is before `today` (local days of the practice zone), in order. A
 * period still running is not closed. Targets check in on these; alerts judge the last few.
 */
export function closedPeriods(
  startDate: string,
  size: 'week' | 'month',
  today: string,
): ClosedPeriod[] {
  const out: ClosedPeriod[] = [];
  const day = (d: string) => DateTime.fromISO(d, { zone: 'UTC' });
  let from =
    size === 'week' ? addDays(startDate, 1 - day(startDate).weekday) : monthStart(startDate);
  const next = (d: string) => (size === 'week' ? addDays(d, 7) : addMonths(d, 1));
  while (parseIso(addDays(next(from), -1)) < parseIso(today)) {
    out.push({ key: bucketKey(day(from), size), from, to: addDays(next(from), -1) });
    from = next(from);
  }
  return out;
}

/** The last `count` closed weeks or months at `now`, oldest first, with their instants. */
export function lastClosedPeriods(
  size: 'week' | 'month',
  zone: string,
  now: number,
  count: number,
): (ClosedPeriod & { start: number; end: number })[] {
  const today = localToday(now, zone);
  const since =
    size === 'week' ? addDays(today, -7 * (count + 1)) : addMonths(monthStart(today), -(count + 1));
  return closedPeriods(since, size, today)
    .slice(-count)
    .map((p) => {
      const { start, end } = makePeriod(p.from, p.to, zone);
      return { ...p, start, end };
    });
}
