import type { Practice, Unit } from '../api/api-types';

/** How numbers are written for one practice: its locale and its currency. */
export interface Formatter {
  locale: string;
  currency: string;
  timezone: string;
}

export const formatterOf = (p: Pick<Practice, 'locale' | 'currency' | 'timezone'>): Formatter => ({
  locale: p.locale || 'en-US',
  currency: p.currency || 'USD',
  timezone: p.timezone || 'UTC',
});

const digitsFor = (unit: Unit, value: number) => {
  if (unit === 'currency') return Math.abs(value) >= 100 ? 0 : 2;
  if (unit === 'score') return 2;
  return Math.abs(value) >= 100 ? 0 : 1;
};

/** The bare number in the unit's precision, e.g. "87.5", "1,204", "4.25". */
export function formatNumber(f: Formatter, value: number, unit: Unit): string {
  if (unit === 'currency') {
    const digits = digitsFor(unit, value);
    return new Intl.NumberFormat(f.locale, {
      style: 'currency',
      currency: f.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  }
  const digits = digitsFor(unit, value);
  return new Intl.NumberFormat(f.locale, {
    minimumFractionDigits: unit === 'score' ? digits : 0,
    maximumFractionDigits: digits,
  }).format(value);
}

export function unitSuffix(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'hours':
      return 'h';
    case 'minutes':
      return 'min';
    case 'score':
      return 'of 5';
    default:
      return '';
  }
}

/** A value with its unit: "87.5 %", "3.2 h", "4.25 of 5", "$512". */
export function formatValue(f: Formatter, value: number, unit: Unit): string {
  const suffix = unitSuffix(unit);
  const number = formatNumber(f, value, unit);
  return suffix ? `${number} ${suffix}` : number;
}

/** A change between two values, with its sign: "+2.4 pts", "−0.5 h". */
export function formatDelta(f: Formatter, delta: number, unit: Unit): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const number = formatNumber(f, Math.abs(delta), unit);
  if (unit === 'percent') return `${sign}${number} pts`;
  if (unit === 'currency') return `${sign}${number}`;
  if (unit === 'score') return `${sign}${number}`;
  return `${sign}${number} ${unitSuffix(unit)}`;
}

export const formatCount = (f: Formatter, n: number | null | undefined) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat(f.locale).format(n);

/** Parts (numerator, denominator) as plain numbers, two decimals at most. */
export const formatPart = (f: Formatter, n: number | null | undefined) =>
  n === null || n === undefined
    ? '—'
    : new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2 }).format(n);

export function intervalBounds(ci: [number, number] | null | undefined): [number, number] | null {
  return Array.isArray(ci) && ci.length === 2 ? [ci[0], ci[1]] : null;
}

/** "1 Mar 2026 – 31 Mar 2026" or "March 2026" in the practice's language. */
export function formatPeriod(f: Formatter, from: string, to: string): string {
  const date = (day: string) => new Date(`${day}T12:00:00Z`);
  const last = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0));
  const wholeMonths = from.endsWith('-01') && last.getUTCDate() === Number(to.slice(8, 10));
  if (wholeMonths && from.slice(0, 7) === to.slice(0, 7)) {
    return new Intl.DateTimeFormat(f.locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(date(from));
  }
  const day = new Intl.DateTimeFormat(f.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day.format(date(from))} – ${day.format(date(to))}`;
}

/** A month key "2026-03" as "Mar 2026" (or "Mar" when `short`). */
export function formatMonth(f: Formatter, key: string, short = false): string {
  const d = new Date(`${key.slice(0, 7)}-15T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return key;
  return new Intl.DateTimeFormat(f.locale, {
    month: 'short',
    year: short ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** An instant (ISO text or epoch ms) as a date and time in the practice's zone. */
export function formatInstant(f: Formatter, at: string | number | null): string {
  if (at === null || at === undefined || at === '') return '—';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return new Intl.DateTimeFormat(f.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: f.timezone,
  }).format(d);
}

/** A local date `YYYY-MM-DD` as "Mar 1, 2026" in the practice's language. */
export function formatDay(f: Formatter, day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
