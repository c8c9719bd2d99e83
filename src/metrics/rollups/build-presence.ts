import { sql, type RawBuilder } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { dayNumber, localDaySqlIn } from './local-day.js';
import { monthsWithData, type MonthSpan } from './months-with-data.js';
import { byType, chunksOf, inList, inMonths, type ActivityUser } from './rollup-scope.js';

/** The part unknown users' activity rows are kept under in rollup_day_parts. */
export const UNKNOWN_ACTIVITY_PART = 'platform_usage.unknown_activity_rows';

/** The value of the greatest `starts[i]` ≤ expr, as a balanced CASE (starts ascending). */
function floorTo(expr: RawBuilder<unknown>, starts: number[], lo = 0, hi = starts.length - 1) {
  if (lo === hi) return sql.lit(starts[lo]!);
  const mid = Math.floor((lo + hi + 1) / 2);
  const left: RawBuilder<unknown> = floorTo(expr, starts, lo, mid - 1);
  const right: RawBuilder<unknown> = floorTo(expr, starts, mid, hi);
  return sql`CASE WHEN ${expr} < ${sql.lit(starts[mid]!)} THEN ${left} ELSE ${right} END`;
}

/** The local day numbers of the first days of the months. */
const monthStarts = (months: readonly MonthSpan[], zone: string): number[] =>
  months.map((m) => dayNumber(m.start, zone));

/**
 * SQL over a derived table `y(who, d, ...)` of local day numbers: per who and local month, the
 * day bitmask (bit i = the month's day i + 1) of the rows matching `flag`.
 */
const maskOf = (flag: RawBuilder<unknown>) =>
  sql`COALESCE(SUM(DISTINCT CASE WHEN ${flag} THEN CAST(1 AS BIGINT) << CAST(y.d - y.md AS INTEGER) END), 0)`;

/** What an incremental refresh rebuilds of the presence rollups (see RollupScope). */
export interface PresenceScope {
  /** Users whose activity days are rebuilt, in every month. */
  users: readonly ActivityUser[];
  /** Local months whose unknown users' activity rows are counted again. */
  months: readonly MonthSpan[];
  /** Clients whose days of care are rebuilt, in every month. */
  clients: readonly string[];
}

/**
 * Fills rollup_presence: per known user and local month, the days with activity (kind
 * 'client' / 'therapist', with the registration interval that platform usage tests), and per
 * client the days with a completed session (mask_a) or a csat answer (mask_b) (kind 'care').
 * Activity of user ids matching no client or therapist goes to rollup_day_parts per day. With
 * a scope, the same statements run for its users, months and clients only.
 */
export async function buildPresence(
  db: Db,
  practice: Practice,
  scope?: PresenceScope,
): Promise<void> {
  const pid = practice.practice_id;
  const zone = practice.timezone;
  const userSets: RawBuilder<unknown>[] = scope
    ? [...byType(scope.users)].flatMap(([type, ids]) =>
        chunksOf(ids).map((c) => sql`e.user_type = ${type} AND ${inList('e.user_id', c)}`),
      )
    : [sql`1 = 1`];
  for (const users of userSets) {
    const activity = await monthsWithData(
      db,
      zone,
      (from) => sql`SELECT MIN(occurred_at) AS lo FROM activity e
        WHERE e.practice_id = ${pid} AND e.occurred_at >= ${from} AND ${users}`,
    );
    if (activity.length > 0) await activityDays(db, practice, activity, users);
  }
  const unknownMonths = scope
    ? scope.months
    : await monthsWithData(
        db,
        zone,
        (from) => sql`SELECT MIN(occurred_at) AS lo FROM activity
          WHERE practice_id = ${pid} AND occurred_at >= ${from}`,
      );
  if (unknownMonths.length > 0) {
    const only = scope ? inMonths('e.occurred_at', unknownMonths) : sql`1 = 1`;
    await unknownActivity(db, practice, unknownMonths, only);
  }
  const clientSets = scope ? chunksOf(scope.clients) : [null];
  for (const chunk of clientSets) {
    const only = (column: string) => (chunk ? sql` AND ${inList(column, chunk)}` : sql``);
    const care = await monthsWithData(
      db,
      zone,
      (from) => sql`SELECT MIN(lo) AS lo FROM (
        SELECT MIN(scheduled_start) AS lo FROM appointments
          WHERE practice_id = ${pid} AND status = 'completed' AND scheduled_start >= ${from}${only('client_id')}
        UNION ALL
        SELECT MIN(responded_at) FROM surveys
          WHERE practice_id = ${pid} AND instrument = 'csat' AND responded_at >= ${from}${only('client_id')}) r`,
    );
    if (care.length > 0) await careDays(db, practice, care, only);
  }
}

/**
 * The rollup_presence rows of activity, their one definition: per known user (client or
 * therapist) and local month of `zone`, the bitmask of days with activity matching `users`
 * (over `e`), the count of events and the registration interval platform usage tests. `months`
 * must hold every instant of the matching rows (see localDaySqlIn). The rollup stores them;
 * platform usage in a zone the rollups were not built in reads the same rows on the fly.
 */
export function activityPresenceRows(
  pid: string,
  zone: string,
  months: readonly MonthSpan[],
  users: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const d = localDaySqlIn('e.occurred_at', zone, months);
  const md = floorTo(sql.raw('z.d'), monthStarts(months, zone));
  return sql`SELECT ${pid} AS practice_id, x.md AS month_day, x.ut AS kind, x.who AS who,
      CAST(x.mask AS BIGINT) AS mask_a, 0 AS mask_b, x.n AS events,
      CASE WHEN x.ut = 'client' THEN c.created_at ELSE t.active_from END AS reg_from,
      CASE WHEN x.ut = 'client' THEN c.discharged_at ELSE t.active_to END AS reg_to
    FROM (
      SELECT y.ut, y.who, y.md, ${maskOf(sql`1 = 1`)} AS mask, COUNT(*) AS n
      FROM (SELECT z.ut, z.who, z.d, ${md} AS md FROM (
        SELECT e.user_type AS ut, e.user_id AS who, ${d} AS d FROM activity e
        WHERE e.practice_id = ${pid} AND ${users}) z) y
      GROUP BY y.ut, y.who, y.md
    ) x
    LEFT JOIN clients c ON x.ut = 'client' AND c.practice_id = ${pid} AND c.client_id = x.who
    LEFT JOIN therapists t ON x.ut = 'therapist' AND t.practice_id = ${pid}
      AND t.therapist_id = x.who
    WHERE c.client_id IS NOT NULL OR t.therapist_id IS NOT NULL`;
}

/** Activity days per known user and month, for the users matching `users` (over `e`). */
async function activityDays(
  db: Db,
  practice: Practice,
  activity: readonly MonthSpan[],
  users: RawBuilder<unknown>,
) {
  await sql`INSERT INTO rollup_presence
      (practice_id, month_day, kind, who, mask_a, mask_b, events, reg_from, reg_to)
    ${activityPresenceRows(practice.practice_id, practice.timezone, activity, users)}`.execute(db);
}

/**
 * The rollup_day_parts rows of unknown users' activity, their one definition: per local day of
 * `zone`, the activity rows matching `only` (over `e`) whose user id matches no client or
 * therapist. `months` must hold every instant of those rows.
 */
export function unknownActivityRows(
  pid: string,
  zone: string,
  months: readonly MonthSpan[],
  only: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const d = localDaySqlIn('e.occurred_at', zone, months);
  return sql`SELECT ${pid} AS practice_id, ${d} AS day, ${UNKNOWN_ACTIVITY_PART} AS part,
      COUNT(*) AS value FROM activity e
    WHERE e.practice_id = ${pid} AND ${only}
      AND NOT EXISTS (SELECT 1 FROM clients c WHERE e.user_type = 'client'
        AND c.practice_id = ${pid} AND c.client_id = e.user_id)
      AND NOT EXISTS (SELECT 1 FROM therapists t WHERE e.user_type = 'therapist'
        AND t.practice_id = ${pid} AND t.therapist_id = e.user_id)
    GROUP BY ${d}`;
}

/** Unknown users' activity rows per local day, for the rows matching `only` (over `e`). */
async function unknownActivity(
  db: Db,
  practice: Practice,
  months: readonly MonthSpan[],
  only: RawBuilder<unknown>,
) {
  await sql`INSERT INTO rollup_day_parts (practice_id, day, part, value)
    ${unknownActivityRows(practice.practice_id, practice.timezone, months, only)}`.execute(db);
}

/** Days of care (completed sessions, csat answers) per client and month; `only(column)` narrows. */
async function careDays(
  db: Db,
  practice: Practice,
  care: readonly MonthSpan[],
  only: (column: string) => RawBuilder<unknown>,
) {
  const pid = practice.practice_id;
  const zone = practice.timezone;
  const da = localDaySqlIn('a.scheduled_start', zone, care);
  const dq = localDaySqlIn('q.responded_at', zone, care);
  const md = floorTo(sql.raw('z.d'), monthStarts(care, zone));
  await sql`INSERT INTO rollup_presence
      (practice_id, month_day, kind, who, mask_a, mask_b, events, reg_from, reg_to)
    SELECT ${pid}, y.md, 'care', y.who, ${maskOf(sql`y.f = 1`)}, ${maskOf(sql`y.f = 2`)},
      COUNT(*), NULL, NULL
    FROM (SELECT z.who, z.d, z.f, ${md} AS md FROM (
      SELECT a.client_id AS who, ${da} AS d, 1 AS f FROM appointments a
        WHERE a.practice_id = ${pid} AND a.status = 'completed'${only('a.client_id')}
      UNION ALL
      SELECT q.client_id, ${dq}, 2 FROM surveys q
        WHERE q.practice_id = ${pid} AND q.instrument = 'csat'${only('q.client_id')}) z) y
    GROUP BY y.who, y.md`.execute(db);
}
