import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { localDaySqlIn } from './local-day.js';
import { monthsWithData } from './months-with-data.js';

/** The statuses that put a session on a therapist's day (the spec's therapist_load). */
export const LOAD_STATUSES = ['completed', 'no_show', 'booked'] as const;

/**
 * Fills rollup_therapist_days: per therapist and local day, the sessions that count towards the
 * therapist's load and whether they exceed the therapist's own daily maximum. One statement (after finding the months that hold sessions).
 */
export async function buildTherapistDays(db: Db, practice: Practice): Promise<void> {
  const pid = practice.practice_id;
  const months = await monthsWithData(
    db,
    practice.timezone,
    (from) => sql`SELECT MIN(scheduled_start) AS lo FROM appointments
      WHERE practice_id = ${pid} AND scheduled_start >= ${from}`,
  );
  if (months.length === 0) return;
  const day = localDaySqlIn('a.scheduled_start', practice.timezone, months);
  const statuses = sql.join(LOAD_STATUSES.map((s) => sql.lit(s)));
  await sql`INSERT INTO rollup_therapist_days
      (practice_id, day, therapist_id, sessions, max_per_day, is_over)
    SELECT ${pid}, d.dn, d.tid, d.n, t.max_sessions_per_day,
      CASE WHEN d.n > t.max_sessions_per_day THEN 1 ELSE 0 END
    FROM (
      SELECT a.therapist_id AS tid, ${day} AS dn, COUNT(*) AS n FROM appointments a
      WHERE a.practice_id = ${pid} AND a.status IN (${statuses})
      GROUP BY a.therapist_id, ${day}
    ) d
    LEFT JOIN therapists t ON t.practice_id = ${pid} AND t.therapist_id = d.tid`.execute(db);
}
