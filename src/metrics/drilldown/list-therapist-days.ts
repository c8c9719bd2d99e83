import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { countRecords, pageRecords } from '../../store/record-page.repository.js';
import type { FilterTerm } from '../engine/kpi-filter.js';
import { ms } from '../engine/sql-fragments.js';
import { localDayNumber } from '../engine/therapist-load.js';
import type { Period } from '../periods/period.js';
import { nextOffset, type Listing, type Page } from './listing.js';

const DAY_MS = 86_400_000;

/**
 * The therapist-days behind the load: each therapist with a daily maximum and each local day of
 * the period on which they had sessions (completed, no-show or still booked), with the
 * sessions, the maximum, and whether the day went over it — the denominator lists every such
 * day, the numerator those over. The day is counted by the engine's own `localDayNumber`.
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
  const day = localDayNumber(period.start, period.end, period.timezone);
  const therapist = filters.find((t) => t.dim === 'therapist');
  const only = therapist ? sql` AND a.therapist_id = ${therapist.value}` : sql``;
  const over = sql`CASE WHEN d.n > t.max_sessions_per_day THEN 1 ELSE 0 END`;
  const from = sql`(
      SELECT a.therapist_id AS tid, ${day} AS dn, COUNT(*) AS n
      FROM appointments a
      WHERE a.practice_id = ${pid} AND a.scheduled_start >= ${ms(period.start)}
        AND a.scheduled_start < ${ms(period.end)}
        AND a.status IN ('completed', 'no_show', 'booked')${only}
      GROUP BY tid, dn
    ) d JOIN therapists t ON t.practice_id = ${pid} AND t.therapist_id = d.tid`;
  const where =
    plan.output === 'days_over'
      ? sql`t.max_sessions_per_day IS NOT NULL AND d.n > t.max_sessions_per_day`
      : sql`t.max_sessions_per_day IS NOT NULL`;
  const q = {
    from,
    where,
    select: [
      sql`d.tid AS therapist_id`,
      sql`d.dn AS dn`,
      sql`d.n AS sessions`,
      sql`t.max_sessions_per_day AS max_sessions_per_day`,
      sql`${over} AS over_limit`,
    ],
    totals: [],
    orderBy: [sql.raw('d.dn'), sql.raw('d.tid')],
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
