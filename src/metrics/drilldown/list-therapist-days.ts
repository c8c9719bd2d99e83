import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { countRecords, pageRecords } from '../../store/record-page.repository.js';
import type { FilterTerm } from '../engine/kpi-filter.js';
import type { Period } from '../periods/period.js';
import { therapistDaysIn } from '../rollups/build-therapist-days.js';
import { nextOffset, type Listing, type Page } from './listing.js';

const DAY_MS = 86_400_000;

/**
 * The therapist-days behind the load: each therapist with a daily maximum and each local day of
 * the period on which they had sessions (completed, no-show or still booked), with the
 * sessions, the maximum, and whether the day went over it — the denominator lists every such
 * day, the numerator those over. They are the load's own therapist-days: `therapistDayRows` of
 * the rollup builder, built for the period on the fly.
 */
export async function listTherapistDays(
  db: Db,
  practice: Practice,
  period: Period,
  filters: FilterTerm[],
  plan: { output: string; part: string },
  page: Page,
): Promise<Listing> {
  const pid = practice.practice_id;
  const therapist = filters.find((t) => t.dim === 'therapist');
  const from = sql`(${therapistDaysIn(pid, period.timezone, period.start, period.end, therapist?.value)}) d`;
  const where =
    plan.output === 'days_over'
      ? sql`d.max_per_day IS NOT NULL AND d.is_over = 1`
      : sql`d.max_per_day IS NOT NULL`;
  const q = {
    from,
    where,
    select: [
      sql`d.therapist_id AS therapist_id`,
      sql`d.day AS dn`,
      sql`d.sessions AS sessions`,
      sql`d.max_per_day AS max_sessions_per_day`,
      sql`d.is_over AS over_limit`,
    ],
    totals: [],
    orderBy: [sql.raw('d.day'), sql.raw('d.therapist_id')],
  };
  const [rows, totals] = await Promise.all([pageRecords(db, q, page), countRecords(db, q)]);
  const records = rows.map((r) => ({
    therapist_id: String(r.therapist_id),
    // Day number × 1 day is the local midnight read as if it were UTC: its UTC date.
    day: new Date(Number(r.dn) * DAY_MS).toISOString().slice(0, 10),
    sessions: Number(r.sessions),
    max_sessions_per_day: Number(r.max_sessions_per_day),
    over_limit: Number(r.over_limit),
    [plan.part]: 1,
  }));
  return {
    records_of: 'therapist-days',
    total: totals.count,
    figure: totals.count,
    columns: ['therapist_id', 'day', 'sessions', 'max_sessions_per_day', 'over_limit', plan.part],
    records,
    next_offset: nextOffset(page, records.length, totals.count),
  };
}
