import { DateTime } from 'luxon';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads an ISO 8601 instant into UTC epoch milliseconds. With an offset or `Z` the offset wins;
 * without one the wall-clock time is read in `timeZone` (DST-correct). Returns an error string
 * when the text is not a valid instant.
 */
export function parseInstant(text: string, timeZone: string): number | string {
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
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (check.getUTCDate() !== day && !(hour === 24 && minute === 0)) {
    return `"${text}" is not a calendar date`;
  }
  if (off) {
    if (off === 'Z' || off === 'z') return wall;
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    return wall - sign * offMin * 60_000;
  }
  if (timeZone === 'UTC') return wall;
  const local = DateTime.fromObject(
    { year, month, day, hour, minute, second, millisecond: ms },
    { zone: timeZone },
  );
  if (!local.isValid) return `"${text}" cannot be read in time zone ${timeZone}`;
  return local.toMillis();
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** Formats epoch milliseconds as ISO 8601 in UTC. */
export const formatInstant = (ms: number): string => new Date(ms).toISOString();
