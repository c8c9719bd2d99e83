import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import type { Bucket } from '../periods/buckets.js';
import { bucketIndex, bucketTable, ms } from './sql-fragments.js';
import {
  UNKNOWN_ACTIVITY_PART,
  activityPresenceRows,
  unknownActivityRows,
} from '../rollups/build-presence.js';
import { monthsOver } from '../rollups/months-with-data.js';
import { readDayParts } from '../rollups/read-day-parts.js';
import { activeUsersByBucket } from '../rollups/read-presence.js';

/** A therapist registered over bucket b: active over it (clients: see registeredUsers). */
const REG_THERAPIST =
  '(t.active_from IS NULL OR t.active_from < b.be) AND (t.active_to IS NULL OR t.active_to >= b.bs)';

/**
 * Users with ≥ 1 activity event in each bucket who are registered then, registered users at the
 * bucket's end (clients created before the end and not discharged before the start; therapists
 * active over it), and the activity rows from user ids that match no client or therapist.
 * Active users and unknown users' rows are counted over the rows of rollup_presence and
 * rollup_day_parts: the stored ones when they were built in the period's zone (`stored`), else
 * the same rows built for the period on the fly by the builders' own definitions
 * (`activityPresenceRows`, `unknownActivityRows`).
 */
export async function platformUsage(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  zone: string,
  stored: boolean,
): Promise<PartValues> {
  const buckets = grouping.buckets;
  // Distinct users do not add up across buckets: the whole period is one more bucket.
  const whole = { key: TOTAL, start: buckets[0]!.start, end: buckets[buckets.length - 1]!.end };
  const all = grouping.kind === 'time' ? [...buckets, whole] : [whole];
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  const put = (k: number, part: string, v: number) => addPart(out, all[Number(k)]!.key, part, v);
  const months = monthsOver(whole.start, whole.end, zone);
  const inPeriod = sql`e.occurred_at >= ${ms(whole.start)} AND e.occurred_at < ${ms(whole.end)}`;
  const users = stored ? undefined : activityPresenceRows(practiceId, zone, months, inPeriod);
  for (const r of await activeUsersByBucket(db, practiceId, all, zone, users)) {
    put(r.k, r.kind === 'therapist' ? 'active_therapists' : 'active_clients', r.n);
    put(r.k, 'active_users', r.n);
  }
  const unknown = await readDayParts(
    db,
    practiceId,
    [UNKNOWN_ACTIVITY_PART],
    grouping,
    zone,
    stored ? undefined : unknownActivityRows(practiceId, zone, months, inPeriod),
  );
  for (const [key, parts] of unknown) {
    addPart(out, key, 'unknown_activity_rows', parts.get(UNKNOWN_ACTIVITY_PART) ?? 0);
  }
  await registeredUsers(db, practiceId, all, put);
  return out;
}

/**
 * Registered users over each bucket: therapists by REG_THERAPIST; clients created before the
 * bucket's end and not discharged before its start. Clients take two grouped passes, not one
 * count per bucket: a client is never discharged before being created (the model refuses it),
 * so those registered over [bs, be) are the ones created before be less those discharged
 * before bs.
 */
async function registeredUsers(
  db: Db,
  practiceId: string,
  all: Bucket[],
  put: (k: number, part: string, v: number) => void,
) {
  const created = await countBefore(
    db,
    practiceId,
    'c.created_at',
    all.map((b) => b.end),
  );
  const discharged = await countBefore(
    db,
    practiceId,
    'c.discharged_at',
    all.map((b) => b.start),
  );
  const therapists = await sql<{ k: number; n: number }>`
    SELECT b.k, (SELECT COUNT(*) FROM therapists t
      WHERE t.practice_id = ${practiceId} AND ${sql.raw(REG_THERAPIST)}) AS n
    FROM ${bucketTable(all)}`.execute(db);
  const byBucket = new Map(therapists.rows.map((r) => [Number(r.k), Number(r.n)]));
  all.forEach((b, k) => {
    const clients = created.get(b.end)! - discharged.get(b.start)!;
    const t = byBucket.get(k) ?? 0;
    put(k, 'registered_clients', clients);
    put(k, 'registered_therapists', t);
    put(k, 'registered_users', clients + t);
  });
}

/** For each instant t of `edges`, the practice's clients whose `column` is before t. */
async function countBefore(db: Db, practiceId: string, column: string, edges: number[]) {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  // Bucket 0 holds values before the first edge, bucket i those in [edge i − 1, edge i).
  const slots = [{ key: '', start: -Infinity, end: sorted[0]! }].concat(
    sorted.slice(0, -1).map((e, i) => ({ key: '', start: e, end: sorted[i + 1]! })),
  );
  const { rows } = await sql<{ k: number; n: number }>`
    SELECT ${bucketIndex(column, slots)} AS k, COUNT(*) AS n FROM clients c
    WHERE c.practice_id = ${practiceId} AND ${sql.raw(column)} < ${ms(sorted[sorted.length - 1]!)}
    GROUP BY 1`.execute(db);
  const n = new Array<number>(sorted.length).fill(0);
  for (const r of rows) n[Number(r.k)] = Number(r.n);
  const out = new Map<number, number>();
  let running = 0;
  sorted.forEach((e, i) => out.set(e, (running += n[i]!)));
  return out;
}
