import { DateTime } from 'luxon';
import { outOfRange, type InstantRange } from './instant-range.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Days in a month (1-12) of a year, proleptic Gregorian. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** The largest UTC offset in use anywhere, in minutes (UTC+14:00, Kiribati). */
export const MAX_OFFSET_MIN = 14 * 60;

/**
 * Reads an ISO 8601 instant into UTC epoch milliseconds. With an offset or `Z` the offset wins;
 * without one the wall-clock time is read in `timeZone` (DST-correct). Returns an error string
 * when the text is not a valid instant: a date that is not in the calendar (`2026-02-30`, also
 * with `T24:00`), a field out of range, an offset beyond ±14:00, or an instant outside `range`
 * (default null: any; the field builders pass instantRange()).
 */
export function parseInstant(
  text: string,
  timeZone: string,
  range: InstantRange | null = null,
): number | string {
  const m = ISO.exec(text.trim());
  if (!m) return `"${text}" is not an ISO 8601 date-time (e.g. 2026-03-01T14:00:00Z)`;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  if (month < 1 || month > 12 || hour > 24 || minute > 59 || second > 60) {
    return `"${text}" has a field out of range`;
  }
  if (day < 1 || day > daysInMonth(year, month)) return `"${text}" is not a calendar date`;
  if (hour === 24 && (minute > 0 || second > 0 || ms > 0)) {
    return `"${text}" has a field out of range (24:00:00 is the only time in hour 24)`;
  }
  const midnight = new Date(Date.UTC(2000, 0, 1));
  midnight.setUTCFullYear(year, month - 1, day); // years 0-99 too (Date.UTC reads 26 as 1926)
  const wall = midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  const at = new Date(wall);
  let instant: number;
  if (off) {
    let offMin = 0;
    if (off !== 'Z' && off !== 'z') {
      const digits = off.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2, 4) || '0');
      offMin = oh * 60 + om;
      if (om > 59 || offMin > MAX_OFFSET_MIN) {
        return `"${text}" has a UTC offset out of range (-14:00 to +14:00)`;
      }
      if (off[0] === '-') offMin = -offMin;
    }
    instant = wall - offMin * 60_000;
  } else if (timeZone === 'UTC') instant = wall;
  else {
    // The wall-clock fields after any roll-over (24:00 is 00:00 of the next day).
    const local = DateTime.fromObject(
      {
        year: at.getUTCFullYear(),
        month: at.getUTCMonth() + 1,
        day: at.getUTCDate(),
        hour: at.getUTCHours(),
        minute: at.getUTCMinutes(),
        second: at.getUTCSeconds(),
        millisecond: at.getUTCMilliseconds(),
      },
      { zone: timeZone },
    );
    if (!local.isValid) return `"${text}" cannot be read in time zone ${timeZone}`;
    instant = local.toMillis();
  }
  return (range && outOfRange(instant, text, range)) ?? instant;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** Formats epoch milliseconds as ISO 8601 in UTC. */
export const formatInstant = (ms: number): string => new Date(ms).toISOString();
