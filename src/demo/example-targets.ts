import { DateTime } from 'luxon';
import type { NewTarget } from '../model/target.js';

/**
 * The example targets of a demo practice whose data ends on `end` (YYYY-MM-DD): each starts on
 * the Monday twelve weeks (or the month three months) before, so the Targets page opens with a
 * history of check-ins: twelve or more weekly ones, three or more monthly ones (the demo's data
 * runs to yesterday, so the newest closed period has data). Figures are round goals of the kind
 * a practice sets, not derived from the simulated data: a demo should show on-track and
 * off-track check-ins alike.
 */
export function exampleTargets(end: string): NewTarget[] {
  const last = DateTime.fromISO(end, { zone: 'UTC' });
  const weekStart = last.startOf('week').minus({ weeks: 12 }).toISODate()!;
  const monthStart = last.startOf('month').minus({ months: 3 }).toISODate()!;
  const due = last.startOf('week').plus({ weeks: 8 }).toISODate()!;
  const base = { scope: 'practice', notes: null as string | null, followers: [] as string[] };
  return [
    {
      ...base,
      kpi_id: 'session_completion_rate',
      kind: { type: 'above', x: 80 },
      title: 'Session completion stays above 80 %',
      start_date: weekStart,
      cadence: 'week',
    },
    {
      ...base,
      kpi_id: 'no_show_cancellation_rate',
      kind: { type: 'from_to', start_value: 15, goal: 8, due },
      title: `No-shows and late cancellations from 15 % to 8 % by ${due}`,
      start_date: weekStart,
      cadence: 'week',
      notes: 'Reminder messages 24 h and 2 h before each session.',
    },
    // A monthly example on a KPI without cohort maturity: the newest month's new clients are
    // still maturing for rematch or retention, which would read "not enough data".
    {
      ...base,
      kpi_id: 'client_satisfaction_rate',
      kind: { type: 'above', x: 85 },
      title: 'Client satisfaction stays above 85 %',
      start_date: monthStart,
      cadence: 'month',
    },
  ];
}
