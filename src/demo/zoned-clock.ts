/**
 * Fast, DST-correct conversions between UTC instants and wall-clock time in one IANA zone.
 * Days are counted as "day numbers" (days since 1970-01-01 of the local calendar date).
 */
export interface ZonedClock {
  readonly timeZone: string;
  /** Local minus UTC, in minutes, at an instant. */
  offsetMin(ms: number): number;
  /** The instant of a local wall-clock time: day number plus minutes after local midnight. */
  toUtc(day: number, minuteOfDay: number): number;
  /** The local day number an instant falls on. */
  localDay(ms: number): number;
  /** ISO 8601 with the local offset, e.g. `2026-03-01T09:00:00-05:00`. */
  format(ms: number): string;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** Civil date of a day number (Howard Hinnant's algorithm). */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a civil date. */
export const daysFromCivil = (y: number, m: number, d: number): number =>
  Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

export function createZonedClock(timeZone: string): ZonedClock {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const cache = new Map<number, number>();
  const BUCKET = 15 * MINUTE_MS;
  const offsetMin = (ms: number): number => {
    const key = Math.floor(ms / BUCKET);
    let off = cache.get(key);
    if (off === undefined) {
      const at = key * BUCKET;
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(at)) {
        if (part.type !== 'literal') p[part.type] = Number(part.value);
      }
      const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
      off = Math.round((wall - at) / MINUTE_MS);
      cache.set(key, off);
    }
    return off;
  };
  const format = (ms: number): string => {
    const off = offsetMin(ms);
    const local = ms + off * MINUTE_MS;
    const day = Math.floor(local / DAY_MS);
    const [y, m, d] = civilFromDays(day);
    const sec = Math.floor((local - day * DAY_MS) / 1000);
    const a = Math.abs(off);
    return (
      `${y}-${pad2(m)}-${pad2(d)}T${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:` +
      `${pad2(sec % 60)}${off < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`
    );
  };
  return {
    timeZone,
    offsetMin,
    toUtc: (day, minuteOfDay) => {
      const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
      const guess = wall - offsetMin(wall) * MINUTE_MS;
      return wall - offsetMin(guess) * MINUTE_MS;
    },
    localDay: (ms) => Math.floor((ms + offsetMin(ms) * MINUTE_MS) / DAY_MS),
    format,
  };
}
