import { DateTime } from 'luxon';
import type { Cadence } from '../../model/target.js';
import { addDays, addMonths, monthStart, parseIso } from '../periods/local-days.js';

/** One check-in period: its key (`2026-W05`, `2026-02`) and its local days, both inclusive. */
export interface CheckinPeriod {
  key: string;
  from: string;
  to: string;
}

function weekKey(monday: string): string {
  const d = DateTime.fromISO(monday, { zone: 'UTC' });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

/** The local day (YYYY-MM-DD) of `now` in `zone`. */
export const localToday = (now: number, zone: string): string =>
  DateTime.fromMillis(now, { zone }).toISODate() ?? '1970-01-01';

/**
 * Every closed period of a target, in order: from the ISO week (Monday to Sunday) or month that
 * holds `startDate` to the last one whose last day is before `today` (both local days of the
 * practice zone). A period still running has no check-in yet.
 */
export function closedPeriods(startDate: string, cadence: Cadence, today: string): CheckinPeriod[] {
  const out: CheckinPeriod[] = [];
  if (cadence === 'week') {
    const weekday = DateTime.fromISO(startDate, { zone: 'UTC' }).weekday; // 1 = Monday
    let from = addDays(startDate, 1 - weekday);
    while (parseIso(addDays(from, 6)) < parseIso(today)) {
      out.push({ key: weekKey(from), from, to: addDays(from, 6) });
      from = addDays(from, 7);
    }
  } else {
    let from = monthStart(startDate);
    while (parseIso(addDays(addMonths(from, 1), -1)) < parseIso(today)) {
      const to = addDays(addMonths(from, 1), -1);
      out.push({ key: from.slice(0, 7), from, to });
      from = addMonths(from, 1);
    }
  }
  return out;
}
