import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { countRecords, pageRecords } from '../../store/record-page.repository.js';
import { ms } from '../engine/sql-fragments.js';
import type { Period } from '../periods/period.js';
import { USAGE_OUTPUT } from './drill-plan.js';
import { localDay, nextOffset, type Listing, type Page } from './listing.js';

/**
 * The users behind platform usage: every client and therapist registered over the period
 * (a client created before its end and not discharged before its start, a therapist active
 * over it — the rule of `platformUsage`), with their activity rows in the period; the
 * `active_*` outputs list those with at least one. `_clients` / `_therapists` keep one kind.
 */
export async function listUsers(
  db: Db,
  practice: Practice,
  period: Period,
  plan: { output: string; part: string },
  page: Page,
): Promise<Listing> {
  const [, which, kind] = USAGE_OUTPUT.exec(plan.output)!;
  const pid = practice.practice_id;
  const [s, e] = [ms(period.start), ms(period.end)];
  const rows = (type: string, id: string) =>
    sql`(SELECT COUNT(*) FROM activity x WHERE x.practice_id = ${pid} AND x.user_type = ${type}
      AND x.user_id = ${sql.raw(id)} AND x.occurred_at >= ${s} AND x.occurred_at < ${e})`;
  const clients = sql`SELECT 'client' AS user_type, c.client_id AS user_id,
      c.created_at AS registered_from, c.discharged_at AS registered_to,
      ${rows('client', 'c.client_id')} AS activity_rows
    FROM clients c
    WHERE c.practice_id = ${pid} AND c.created_at < ${e}
      AND (c.discharged_at IS NULL OR c.discharged_at >= ${s})`;
  const therapists = sql`SELECT 'therapist' AS user_type, t.therapist_id AS user_id,
      t.active_from AS registered_from, t.active_to AS registered_to,
      ${rows('therapist', 't.therapist_id')} AS activity_rows
    FROM therapists t
    WHERE t.practice_id = ${pid} AND (t.active_from IS NULL OR t.active_from < ${e})
      AND (t.active_to IS NULL OR t.active_to >= ${s})`;
  const union =
    kind === 'clients'
      ? clients
      : kind === 'therapists'
        ? therapists
        : sql`${clients} UNION ALL ${therapists}`;
  const q = {
    from: sql`(${union}) u`,
    where: which === 'active' ? sql`u.activity_rows > 0` : sql`1 = 1`,
    select: [
      sql`u.user_type AS user_type`,
      sql`u.user_id AS user_id`,
      sql`u.registered_from AS registered_from`,
      sql`u.registered_to AS registered_to`,
      sql`u.activity_rows AS activity_rows`,
    ],
    totals: [],
    orderBy: [sql.raw('u.user_type'), sql.raw('u.user_id')],
  };
  const [got, totals] = await Promise.all([pageRecords(db, q, page), countRecords(db, q)]);
  const zone = period.timezone;
  const at = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const records = got.map((r) => ({
    user_type: String(r.user_type),
    user_id: String(r.user_id),
    registered_from: localDay(at(r.registered_from), zone),
    registered_to: localDay(at(r.registered_to), zone),
    activity_rows: Number(r.activity_rows),
    [plan.part]: 1,
  }));
  return {
    records_of: 'users',
    total: totals.count,
    figure: totals.count,
    columns: [
      'user_type',
      'user_id',
      'registered_from',
      'registered_to',
      'activity_rows',
      plan.part,
    ],
    records,
    next_offset: nextOffset(page, records.length, totals.count),
  };
}
