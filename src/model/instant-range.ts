/**
 * The instants a practice's records may hold: from 1 January of EARLIEST_YEAR (UTC) to
 * YEARS_AHEAD years after now. Anything outside is a typo (`0026-…`, `2206-…`) that would
 * otherwise stretch every rollup over centuries. Environment overrides, read when a schema is
 * built: RAPPORT_EARLIEST_YEAR (e.g. 1950) and RAPPORT_YEARS_AHEAD (e.g. 5). The default floor
 * is 1900, not 1950: real EHR exports (the Synthea data in shared/data/external) hold
 * ambulatory encounters from the 1920s–40s, and the rollups no longer walk empty months, so an
 * old record costs one month, not a stall.
 */
export const EARLIEST_YEAR = 1900;
export const YEARS_AHEAD = 2;

export interface InstantRange {
  /** Earliest accepted instant, epoch ms (inclusive). */
  min: number;
  /** Latest accepted instant, epoch ms (inclusive). */
  max: number;
}

const envInt = (value: string | undefined, fallback: number, lo: number, hi: number): number => {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
};

/** The accepted range now (see the file comment). */
export function instantRange(
  now = Date.now(),
  env: Record<string, string | undefined> = process.env,
): InstantRange {
  const earliest = envInt(env.RAPPORT_EARLIEST_YEAR, EARLIEST_YEAR, 1, 9999);
  const ahead = envInt(env.RAPPORT_YEARS_AHEAD, YEARS_AHEAD, 0, 1000);
  const min = new Date(Date.UTC(2000, 0, 1));
  min.setUTCFullYear(earliest);
  const max = new Date(now);
  max.setUTCFullYear(max.getUTCFullYear() + ahead);
  return { min: min.getTime(), max: max.getTime() };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Why `ms` (written `shown`) is outside `range`, or null when it is inside. */
export function outOfRange(ms: number, shown: string, range: InstantRange): string | null {
  if (ms < range.min) {
    return `"${shown}" is before ${day(range.min)}, the earliest date accepted (RAPPORT_EARLIEST_YEAR changes it)`;
  }
  if (ms > range.max) {
    return `"${shown}" is after ${day(range.max)}, more than the accepted years ahead (RAPPORT_YEARS_AHEAD changes it)`;
  }
  return null;
}
