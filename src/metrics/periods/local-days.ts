/**
 * Calendar arithmetic on local dates `YYYY-MM-DD` (the practice zone's days), free of time zones:
 * the periods the dashboard offers and opens on. Shared by web/ and the server's pre-warm.
 */

export type PeriodMode = 'month' | 'quarter' | 'custom';

export interface Period {
  mode: PeriodMode;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive (the API's convention). */
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function toIso(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function parseIso(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

export const isIsoDay = (text: string | null | undefined): text is string =>
  !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && toIso(parseIso(text)) === text;

export const addDays = (day: string, days: number) => toIso(parseIso(day) + days * 86_400_000);

/** Days from `from` to `to`, both inclusive. */
export const dayCount = (from: string, to: string) =>
  Math.round((parseIso(to) - parseIso(from)) / 86_400_000) + 1;

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`;
}

export const monthEnd = (day: string) => addDays(addMonths(monthStart(day), 1), -1);

export function monthPeriod(day: string): Period {
  return { mode: 'month', from: monthStart(day), to: monthEnd(day) };
}

export function quarterPeriod(day: string): Period {
  const month = Number(day.slice(5, 7));
  const first = `${day.slice(0, 4)}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`;
  return { mode: 'quarter', from: first, to: addDays(addMonths(first, 3), -1) };
}

/** The period as long as this one that ends the day before it starts. */
export function previousPeriod(p: Period): Period {
  if (p.mode === 'month') return monthPeriod(addMonths(p.from, -1));
  if (p.mode === 'quarter') return quarterPeriod(addMonths(p.from, -3));
  const days = dayCount(p.from, p.to);
  return { mode: 'custom', from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export function nextPeriod(p: Period): Period {
  if (p.mode === 'month') return monthPeriod(addMonths(p.from, 1));
  if (p.mode === 'quarter') return quarterPeriod(addMonths(p.from, 3));
  const days = dayCount(p.from, p.to);
  return { mode: 'custom', from: addDays(p.to, 1), to: addDays(p.to, days) };
}

/** `months` whole calendar months ending with the month that holds `day`. */
export function trailingMonths(day: string, months: number): { from: string; to: string } {
  return { from: addMonths(monthStart(day), -(months - 1)), to: monthEnd(day) };
}

/**
 * The default period: the last full month inside the data range, or the month of the last
 * record when no month is complete.
 */
export function defaultPeriod(last: string | null, today: string): Period {
  const anchor = last ?? today;
  const ofLast = monthPeriod(anchor);
  if (ofLast.to === anchor) return ofLast;
  return monthPeriod(addMonths(anchor, -1));
}

/** Months `YYYY-MM` from the month of `from` to the month of `to`, inclusive. */
export function monthKeys(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let m = monthStart(from); m <= to; m = addMonths(m, 1)) keys.push(m.slice(0, 7));
  return keys;
}
