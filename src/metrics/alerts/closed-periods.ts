import { DateTime } from 'luxon';
import { bucketKey } from '../periods/buckets.js';

export interface ClosedPeriod {
  key: string;
  /** First and last local day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  start: number;
  end: number;
}

/** The last `count` weeks (ISO, Monday first) or months that have ended by `now`, oldest first. */
export function closedPeriods(
  size: 'week' | 'month',
  zone: string,
  now: number,
  count: number,
): ClosedPeriod[] {
  const current = DateTime.fromMillis(now, { zone }).startOf(size);
  const out: ClosedPeriod[] = [];
  for (let i = count; i >= 1; i--) {
    const start = current.minus(size === 'week' ? { weeks: i } : { months: i });
    const end = start.plus(size === 'week' ? { weeks: 1 } : { months: 1 });
    out.push({
      key: bucketKey(start, size),
      from: start.toISODate()!,
      to: end.minus({ days: 1 }).toISODate()!,
      start: start.toMillis(),
      end: end.toMillis(),
    });
  }
  return out;
}
