import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { localDaySql } from './local-day.js';

/** The statuses that put a session on a therapist's day (the spec's therapist_load). */
export const LOAD_STATUSES = ['completed', 'no_show', 'booked'] as const;

/**
 * Fills rollup_therapist_days: per therapist and local day, the sessions that count towards the
 * therapist's load and whether they exceed the therapist's own daily maximum. One statement.
 */
export async function buildTherapistDays(db: Db, practice: Practice): Promise<void> {
  const pid = practice.practice_id;
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    SELECT MIN(scheduled_start) AS lo, MAX(scheduled_start) AS hi FROM appointments
    WHERE practice_id = ${pid}`.execute(db);
  const lo = rows[0]?.lo;
  if (lo === null || lo === undefined) return;
  const day = localDaySql(
    'a.scheduled_start',
    practice.timezone,
    Number(lo),
    Number(rows[0]!.hi) + 1,
  );
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
