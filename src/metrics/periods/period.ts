import { DateTime } from 'luxon';
import { AppError } from '../../model/app-error.js';
import { isTimeZone } from '../../model/instant.js';

/**
 * A reporting period: the local calendar days `from`..`to` (both inclusive) in `timezone`, as the
 * half-open instant range [start, end) in UTC epoch milliseconds (end = local midnight after `to`).
 */
export interface Period {
  from: string;
  to: string;
  timezone: string;
  start: number;
  end: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight starting the calendar day `date` (YYYY-MM-DD) in `zone`, or an error text. */
export function localDayStart(date: string, zone: string): DateTime | string {
  const m = DATE.exec(date);
  if (!m) return `"${date}" is not a date (YYYY-MM-DD)`;
  const d = DateTime.fromObject(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { zone },
  );
  if (!d.isValid) return `"${date}" is not a calendar date`;
  return d.startOf('day');
}

/** Builds the period of the days `from`..`to` inclusive; throws AppError USAGE on bad input. */
export function makePeriod(from: string, to: string, timezone: string): Period {
  if (!isTimeZone(timezone)) {
    throw new AppError('USAGE', `"${timezone}" is not an IANA time zone (e.g. America/New_York)`);
  }
  const a = localDayStart(from, timezone);
  if (typeof a === 'string') throw new AppError('USAGE', `--from: ${a}`);
  const b = localDayStart(to, timezone);
  if (typeof b === 'string') throw new AppError('USAGE', `--to: ${b}`);
  if (b < a) throw new AppError('USAGE', `--to ${to} is before --from ${from}`);
  return { from, to, timezone, start: a.toMillis(), end: b.plus({ days: 1 }).toMillis() };
}
