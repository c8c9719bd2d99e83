import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import { bucketTable } from './sql-fragments.js';

const REG_CLIENT = 'c.created_at < b.be AND (c.discharged_at IS NULL OR c.discharged_at >= b.bs)';
const REG_THERAPIST =
  '(t.active_from IS NULL OR t.active_from < b.be) AND (t.active_to IS NULL OR t.active_to >= b.bs)';

/**
 * Users with ≥ 1 activity event in each bucket who are registered then, registered users at the
 * bucket's end (clients created before the end and not discharged before the start; therapists
 * active over it), and the activity rows from user ids that match no client or therapist.
 */
export async function platformUsage(
  db: Db,
  practiceId: string,
  grouping: Grouping,
): Promise<PartValues> {
  const buckets = grouping.buckets;
  // Distinct users do not add up across buckets: the whole period is one more bucket.
  const whole = { key: TOTAL, start: buckets[0]!.start, end: buckets[buckets.length - 1]!.end };
  const all = grouping.kind === 'time' ? [...buckets, whole] : [whole];
  const b = bucketTable(all);
  const active = await sql<{ k: number; ut: string; act: number; unknown_rows: number }>`
    SELECT u.k, u.user_type AS ut,
      SUM(CASE WHEN (u.user_type = 'client' AND c.client_id IS NOT NULL AND ${sql.raw(REG_CLIENT.replace(/b\./g, 'u.'))})
        OR (u.user_type = 'therapist' AND t.therapist_id IS NOT NULL AND ${sql.raw(REG_THERAPIST.replace(/b\./g, 'u.'))})
        THEN 1 ELSE 0 END) AS act,
      SUM(CASE WHEN c.client_id IS NULL AND t.therapist_id IS NULL THEN u.n ELSE 0 END) AS unknown_rows
    FROM (
      SELECT b.k, b.bs, b.be, e.user_type, e.user_id, COUNT(*) AS n
      FROM activity e JOIN ${b} ON e.occurred_at >= b.bs AND e.occurred_at < b.be
      WHERE e.practice_id = ${practiceId}
      GROUP BY b.k, b.bs, b.be, e.user_type, e.user_id
    ) u
    LEFT JOIN clients c ON u.user_type = 'client' AND c.practice_id = ${practiceId}
      AND c.client_id = u.user_id
    LEFT JOIN therapists t ON u.user_type = 'therapist' AND t.practice_id = ${practiceId}
      AND t.therapist_id = u.user_id
    GROUP BY u.k, u.user_type`.execute(db);
  const registered = await sql<{ k: number; clients: number; therapists: number }>`
    SELECT b.k,
      (SELECT COUNT(*) FROM clients c WHERE c.practice_id = ${practiceId} AND ${sql.raw(REG_CLIENT)}) AS clients,
      (SELECT COUNT(*) FROM therapists t WHERE t.practice_id = ${practiceId} AND ${sql.raw(REG_THERAPIST)}) AS therapists
    FROM ${b}`.execute(db);
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  const put = (k: number, part: string, v: number) => addPart(out, all[Number(k)]!.key, part, v);
  for (const r of active.rows) {
    const who = r.ut === 'therapist' ? 'active_therapists' : 'active_clients';
    put(r.k, who, Number(r.act));
    put(r.k, 'active_users', Number(r.act));
    put(r.k, 'unknown_activity_rows', Number(r.unknown_rows));
  }
  for (const r of registered.rows) {
    put(r.k, 'registered_clients', Number(r.clients));
    put(r.k, 'registered_therapists', Number(r.therapists));
    put(r.k, 'registered_users', Number(r.clients) + Number(r.therapists));
  }
  return out;
}
