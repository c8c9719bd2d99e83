import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import type { Bucket } from '../periods/buckets.js';
import { bucketIndex, bucketTable, ms } from './sql-fragments.js';
import { UNKNOWN_ACTIVITY_PART } from '../rollups/build-presence.js';
import { readDayParts } from '../rollups/read-day-parts.js';
import { activeUsersByBucket } from '../rollups/read-presence.js';

/** A therapist registered over bucket b: active over it (clients: see registeredUsers). */
const REG_THERAPIST =
  '(t.active_from IS NULL OR t.active_from < b.be) AND (t.active_to IS NULL OR t.active_to >= b.bs)';

/** Buckets per query: the bitmask of a user's buckets stays a small integer. */
const MASK_BITS = 24;

interface UserRow {
  ut: string;
  uid: string;
  m: number;
  cid: string | null;
  created_at: number | null;
  discharged_at: number | null;
  tid: string | null;
  active_from: number | null;
  active_to: number | null;
}

/**
 * Users with ≥ 1 activity event in each bucket who are registered then, registered users at the
 * bucket's end (clients created before the end and not discharged before the start; therapists
 * active over it), and the activity rows from user ids that match no client or therapist.
 * One pass over the period's activity per user: the buckets a user was active in come back as a
 * bitmask (a sum of distinct powers of two), the registration test runs here per bucket.
 * (`+occurred_at` keeps the time index out: walking the primary key, in user order, groups
 * without sorting.)
 */
export async function platformUsage(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  rollupZone: string | null = null,
): Promise<PartValues> {
  const buckets = grouping.buckets;
  // Distinct users do not add up across buckets: the whole period is one more bucket.
  const whole = { key: TOTAL, start: buckets[0]!.start, end: buckets[buckets.length - 1]!.end };
  const all = grouping.kind === 'time' ? [...buckets, whole] : [whole];
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  const put = (k: number, part: string, v: number) => addPart(out, all[Number(k)]!.key, part, v);
  if (rollupZone !== null) {
    for (const r of await activeUsersByBucket(db, practiceId, all, rollupZone)) {
      put(r.k, r.kind === 'therapist' ? 'active_therapists' : 'active_clients', r.n);
      put(r.k, 'active_users', r.n);
    }
    const unknown = await readDayParts(
      db,
      practiceId,
      [UNKNOWN_ACTIVITY_PART],
      grouping,
      rollupZone,
    );
    for (const [key, parts] of unknown) {
      addPart(out, key, 'unknown_activity_rows', parts.get(UNKNOWN_ACTIVITY_PART) ?? 0);
    }
  } else {
    await fromActivity(db, practiceId, grouping, all, put);
  }
  await registeredUsers(db, practiceId, all, put);
  return out;
}

/** Active users and unknown users' activity rows per bucket, from the activity itself. */
async function fromActivity(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  all: Bucket[],
  put: (k: number, part: string, v: number) => void,
) {
  const buckets = grouping.buckets;
  const whole = all[all.length - 1]!;
  const timed = grouping.kind === 'time' ? buckets : [whole];
  const unknown = new Map<string, Set<string>>();
  const seenWhole = new Set<string>();
  for (let from = 0; from < timed.length; from += MASK_BITS) {
    const set = timed.slice(from, from + MASK_BITS);
    const bit = bitTree(set);
    const { rows } = await sql<UserRow>`
      SELECT u.user_type AS ut, u.user_id AS uid, u.m, c.client_id AS cid, c.created_at,
        c.discharged_at, t.therapist_id AS tid, t.active_from, t.active_to
      FROM (
        SELECT e.user_type, e.user_id, SUM(DISTINCT ${bit}) AS m
        FROM activity e
        WHERE e.practice_id = ${practiceId} AND +e.occurred_at >= ${ms(set[0]!.start)}
          AND +e.occurred_at < ${ms(set[set.length - 1]!.end)}
        GROUP BY e.user_type, e.user_id
      ) u
      LEFT JOIN clients c ON u.user_type = 'client' AND c.practice_id = ${practiceId}
        AND c.client_id = u.user_id
      LEFT JOIN therapists t ON u.user_type = 'therapist' AND t.practice_id = ${practiceId}
        AND t.therapist_id = u.user_id`.execute(db);
    for (const r of rows) {
      const registered = (bs: number, be: number) =>
        r.ut === 'client' && r.cid !== null
          ? Number(r.created_at) < be && (r.discharged_at === null || Number(r.discharged_at) >= bs)
          : r.ut === 'therapist' && r.tid !== null
            ? (r.active_from === null || Number(r.active_from) < be) &&
              (r.active_to === null || Number(r.active_to) >= bs)
            : false;
      if (r.cid === null && r.tid === null) {
        unknown.set(r.ut, (unknown.get(r.ut) ?? new Set()).add(r.uid));
        continue;
      }
      const who = r.ut === 'therapist' ? 'active_therapists' : 'active_clients';
      const m = Number(r.m);
      set.forEach((bk, j) => {
        if (grouping.kind !== 'time' || (m & (1 << j)) === 0) return;
        if (!registered(bk.start, bk.end)) return;
        put(from + j, who, 1);
        put(from + j, 'active_users', 1);
      });
      const id = `${r.ut}\u0001${r.uid}`;
      if (!seenWhole.has(id) && registered(whole.start, whole.end)) {
        seenWhole.add(id);
        put(all.length - 1, who, 1);
        put(all.length - 1, 'active_users', 1);
      }
    }
  }
  await unknownRows(db, practiceId, grouping.kind === 'time' ? buckets : [], unknown, (k, n) =>
    put(k, 'unknown_activity_rows', n),
  );
  await unknownRows(db, practiceId, [whole], unknown, (_, n) =>
    put(all.length - 1, 'unknown_activity_rows', n),
  );
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

/** A CASE tree giving 2^j for the bucket j holding the event. */
function bitTree(set: Bucket[], lo = 0, hi = set.length - 1): RawBuilder<unknown> {
  if (lo === hi) return sql.lit(2 ** lo);
  const mid = Math.floor((lo + hi + 1) / 2);
  return sql`CASE WHEN e.occurred_at < ${ms(set[mid]!.start)} THEN ${bitTree(set, lo, mid - 1)} ELSE ${bitTree(set, mid, hi)} END`;
}

/** Activity rows of the unknown user ids, per bucket (few: a data-quality figure). */
async function unknownRows(
  db: Db,
  practiceId: string,
  set: Bucket[],
  unknown: Map<string, Set<string>>,
  add: (k: number, n: number) => void,
) {
  if (set.length === 0) return;
  for (const [ut, set_] of unknown) {
    const ids = [...set_];
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const { rows } = await sql<{ k: number; n: number }>`
        SELECT ${bucketIndex('e.occurred_at', set)} AS k, COUNT(*) AS n FROM activity e
        WHERE e.practice_id = ${practiceId} AND e.user_type = ${ut}
          AND e.user_id IN (${sql.join(chunk.map((id) => sql`${id}`))})
          AND e.occurred_at >= ${ms(set[0]!.start)} AND e.occurred_at < ${ms(set[set.length - 1]!.end)}
        GROUP BY 1`.execute(db);
      for (const r of rows) add(Number(r.k), Number(r.n));
    }
  }
}
