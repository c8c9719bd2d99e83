import { sql, type RawBuilder } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { localDaySql, localDaySqlIn } from './local-day.js';
import { monthsWithData, type MonthSpan } from './months-with-data.js';
import { chunksOf, inList, inMonths } from './rollup-scope.js';

/** The statuses that put a session on a therapist's day (the spec's therapist_load). */
export const LOAD_STATUSES = ['completed', 'no_show', 'booked'] as const;

/** Which therapist days to build: those of some local months, or every day of some therapists. */
export type TherapistDaysScope = { months: readonly MonthSpan[] } | { therapists: string[] };

/**
 * The therapist-days of the load, its one definition: per therapist and local day, the
 * sessions of the appointments `a` matching `where` with a LOAD_STATUSES status, the
 * therapist's own daily maximum and whether the day went over it, as the rows
 * (practice_id, day, therapist_id, sessions, max_per_day, is_over) of rollup_therapist_days.
 * `day` is the SQL of the local day number of `a.scheduled_start`. The rollup stores these
 * rows; what it cannot serve (another zone) and the drill-down read the same rows on the fly
 * (`therapistDaysIn`).
 */
export function therapistDayRows(
  pid: string,
  day: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const statuses = sql.join(LOAD_STATUSES.map((s) => sql.lit(s)));
  return sql`SELECT ${pid} AS practice_id, d.dn AS day, d.tid AS therapist_id, d.n AS sessions,
      t.max_sessions_per_day AS max_per_day,
      CASE WHEN d.n > t.max_sessions_per_day THEN 1 ELSE 0 END AS is_over
    FROM (
      SELECT a.therapist_id AS tid, ${day} AS dn, COUNT(*) AS n FROM appointments a
      WHERE a.practice_id = ${pid} AND a.status IN (${statuses}) AND ${where}
      GROUP BY a.therapist_id, ${day}
    ) d
    LEFT JOIN therapists t ON t.practice_id = ${pid} AND t.therapist_id = d.tid`;
}

/**
 * The therapist-days of the local days of `zone` in [start, end) (instants at local
 * midnights), of one therapist or all, built on the fly by `therapistDayRows`.
 */
export function therapistDaysIn(
  pid: string,
  zone: string,
  start: number,
  end: number,
  therapist?: string,
): RawBuilder<unknown> {
  const only = therapist !== undefined ? sql` AND a.therapist_id = ${therapist}` : sql``;
  return therapistDayRows(
    pid,
    localDaySql('a.scheduled_start', zone, start, end),
    sql`a.scheduled_start >= ${start} AND a.scheduled_start < ${end}${only}`,
  );
}

/**
 * Fills rollup_therapist_days with `therapistDayRows` in the practice zone. One statement
 * (after finding the months that hold sessions); with a scope, one per month set or chunk of
 * therapists, through the same statement.
 */
export async function buildTherapistDays(
  db: Db,
  practice: Practice,
  scope?: TherapistDaysScope,
): Promise<void> {
  const pid = practice.practice_id;
  if (scope && 'months' in scope) {
    if (scope.months.length > 0) {
      await fill(db, practice, scope.months, inMonths('a.scheduled_start', scope.months));
    }
    return;
  }
  for (const chunk of scope ? chunksOf(scope.therapists) : [null]) {
    const only = chunk ? sql` AND ${inList('therapist_id', chunk)}` : sql``;
    const months = await monthsWithData(
      db,
      practice.timezone,
      (from) => sql`SELECT MIN(scheduled_start) AS lo FROM appointments
        WHERE practice_id = ${pid} AND scheduled_start >= ${from}${only}`,
    );
    if (months.length === 0) continue;
    await fill(db, practice, months, chunk ? inList('a.therapist_id', chunk) : sql`1 = 1`);
  }
}

async function fill(
  db: Db,
  practice: Practice,
  months: readonly MonthSpan[],
  only: RawBuilder<unknown>,
) {
  const day = localDaySqlIn('a.scheduled_start', practice.timezone, months);
  await sql`INSERT INTO rollup_therapist_days
      (practice_id, day, therapist_id, sessions, max_per_day, is_over)
    ${therapistDayRows(practice.practice_id, day, only)}`.execute(db);
}
