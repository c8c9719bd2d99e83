import { sql, type RawBuilder } from 'kysely';
import { DateTime } from 'luxon';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { RollupMark } from '../../store/rollup-marks.repository.js';
import { DAY, dayNumber } from './local-day.js';
import type { MonthSpan } from './months-with-data.js';

/** A user of activity rows: `user_type` and `user_id`. */
export interface ActivityUser {
  type: string;
  id: string;
}

/**
 * What an incremental refresh rebuilds: local months of the practice zone (day parts, therapist
 * days, unknown users' activity), clients (spells, firsts, days of care), therapists (their
 * daily load against their maximum), users (their days of activity) and conversations (clocks).
 */
export interface RollupScope {
  months: MonthSpan[];
  clients: string[];
  therapists: string[];
  users: ActivityUser[];
  conversations: string[];
}

/** Ids per statement in an IN list: far below every dialect's parameter limit. */
export const IN_CHUNK = 1_000;

/** The list split into pieces of at most `size`. */
export function chunksOf<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `column IN (...)` over bound values. */
export const inList = (column: string, values: readonly (string | number)[]): RawBuilder<unknown> =>
  sql`${sql.raw(column)} IN (${sql.join(values.map((v) => sql`${v}`))})`;

/** `(column >= a AND column < b) OR ...` over the months (an always-false test for none). */
export function inMonths(column: string, months: readonly MonthSpan[]): RawBuilder<unknown> {
  if (months.length === 0) return sql`1 = 0`;
  return sql`(${sql.join(
    months.map((m) => sql`(${sql.raw(column)} >= ${m.start} AND ${sql.raw(column)} < ${m.end})`),
    sql` OR `,
  )})`;
}

/** The local month of `zone` holding the local day number `day`. */
function monthOfDay(day: number, zone: string): MonthSpan {
  const date = DateTime.fromMillis(day * DAY, { zone: 'utc' });
  const start = DateTime.fromObject({ year: date.year, month: date.month, day: 1 }, { zone });
  return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
}

/** The local day numbers of a month's first day and of the next month's first day. */
export const monthDays = (m: MonthSpan, zone: string): [number, number] => [
  dayNumber(m.start, zone),
  dayNumber(m.end, zone),
];

async function instantsOf(
  db: Db,
  query: (chunk: string[]) => RawBuilder<{ at: number | string | null }>,
  keys: string[],
): Promise<number[]> {
  const out: number[] = [];
  for (const chunk of chunksOf(keys)) {
    const { rows } = await query(chunk).execute(db);
    for (const r of rows) if (r.at !== null) out.push(Number(r.at));
  }
  return out;
}

/**
 * What the marks ask to rebuild, with the look-ups they need: a slot's or an appointment's
 * day (where it is now: a write that moved it marked its old day itself), and the days of
 * activity of a user that now has a record (its rows no longer count as an unknown user's).
 */
export async function scopeOfMarks(
  db: Db,
  practice: Practice,
  marks: readonly RollupMark[],
): Promise<RollupScope> {
  const pid = practice.practice_id;
  const zone = practice.timezone;
  const of = (kind: RollupMark['kind']) => [
    ...new Set(marks.filter((m) => m.kind === kind).map((m) => m.key)),
  ];
  const days = new Set(of('day').map(Number));
  const instants = [
    ...(await instantsOf(
      db,
      (c) => sql`SELECT start_at AS at FROM slots
        WHERE practice_id = ${pid} AND ${inList('slot_id', c)}`,
      of('slot'),
    )),
    ...(await instantsOf(
      db,
      (c) => sql`SELECT scheduled_start AS at FROM appointments
        WHERE practice_id = ${pid} AND ${inList('appointment_id', c)}`,
      of('appt'),
    )),
  ];
  const known = usersOf(of('known'));
  for (const [type, ids] of byType(known)) {
    instants.push(
      ...(await instantsOf(
        db,
        (c) => sql`SELECT occurred_at AS at FROM activity
          WHERE practice_id = ${pid} AND user_type = ${type} AND ${inList('user_id', c)}`,
        ids,
      )),
    );
  }
  for (const t of instants) days.add(dayNumber(t, zone));
  const months = new Map<number, MonthSpan>();
  for (const d of days) {
    const m = monthOfDay(d, zone);
    months.set(m.start, m);
  }
  return {
    months: [...months.values()].sort((a, b) => a.start - b.start),
    clients: of('client'),
    therapists: of('therapist'),
    users: usersOf(of('user')),
    conversations: of('conv'),
  };
}

function usersOf(keys: string[]): ActivityUser[] {
  return keys.map((k) => {
    const cut = k.indexOf('\u001f');
    return { type: k.slice(0, cut), id: k.slice(cut + 1) };
  });
}

/** Users grouped by their type: type → ids. */
export function byType(users: readonly ActivityUser[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of users) {
    const ids = out.get(u.type) ?? [];
    out.set(u.type, ids);
    ids.push(u.id);
  }
  return out;
}
