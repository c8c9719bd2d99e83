import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import type { Bucket } from '../periods/buckets.js';
import { ms } from '../engine/sql-fragments.js';
import { presenceMonths, type LongBucket } from './presence-months.js';

/** A user registered at some instant of [bs, be). */
const registeredOver = (bs: RawBuilder<unknown>, be: RawBuilder<unknown>) =>
  sql`(p.reg_from IS NULL OR p.reg_from < ${be}) AND (p.reg_to IS NULL OR p.reg_to >= ${bs})`;
const REGISTERED = registeredOver(sql`pm.bs`, sql`pm.be`);

/**
 * A row of rollup_presence in a long bucket with `mask` set on one of the bucket's days. The
 * month is compared as `+p.month_day`: that keeps SQLite off the month index, so that it walks
 * rollup_presence_who in user order and groups users without sorting them.
 */
function inLong(b: LongBucket, mask: 'mask_a' | 'mask_b'): RawBuilder<unknown> {
  const first = b.months[0]!;
  const last = b.months[b.months.length - 1]!;
  const m = sql.raw(`p.${mask}`);
  return sql`((+p.month_day > ${first.md} AND +p.month_day < ${last.md} AND ${m} <> 0)
    OR (+p.month_day = ${first.md} AND (${m} & ${first.bm}) <> 0)
    OR (+p.month_day = ${last.md} AND (${m} & ${last.bm}) <> 0))`;
}

/** The rows of a long bucket's months. */
const monthsOf = (b: LongBucket) =>
  sql`+p.month_day >= ${b.months[0]!.md} AND +p.month_day <= ${b.months[b.months.length - 1]!.md}`;

/**
 * Per bucket within one month (one pm row each): how many rollup_presence rows of the month
 * meet each condition, as one correlated count per condition. Each count walks its index range
 * with no GROUP BY to sort, which SQLite does several times faster than a grouped join.
 */
async function countsPerMonth<C extends string>(
  db: Db,
  practiceId: string,
  pm: RawBuilder<unknown>,
  conditions: Record<C, RawBuilder<unknown>>,
): Promise<({ k: number } & Record<C, number>)[]> {
  const counts = Object.entries<RawBuilder<unknown>>(conditions).map(
    ([name, c]) => sql`(SELECT COUNT(*) FROM rollup_presence p
      WHERE p.practice_id = ${practiceId} AND p.month_day = pm.md AND ${c}) AS ${sql.ref(name)}`,
  );
  const { rows } = await sql<Record<string, unknown>>`
    SELECT pm.k, ${sql.join(counts)} FROM ${pm}`.execute(db);
  return rows.map(
    (r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as {
        k: number;
      } & Record<C, number>,
  );
}

/**
 * Per bucket (by index): known clients and therapists with activity in it who are registered
 * over it, from rollup_presence, or from the same rows built on the fly (`rows`, a SELECT of
 * rollup_presence's columns: see activityPresenceRows). A user active in several months of a
 * bucket counts once.
 */
export async function activeUsersByBucket(
  db: Db,
  practiceId: string,
  buckets: readonly Bucket[],
  zone: string,
  rows?: RawBuilder<unknown>,
) {
  const { all, single, multi, long } = presenceMonths(buckets, zone);
  const out: { k: number; kind: string; n: number }[] = [];
  if (rows === undefined) {
    for (const b of long) {
      const { rows: counted } = await sql<{ kind: string; n: number }>`
        SELECT y.kind, COUNT(*) AS n FROM (
          SELECT p.kind, p.who FROM rollup_presence p
          WHERE p.practice_id = ${practiceId} AND p.kind IN ('client', 'therapist')
            AND ${monthsOf(b)} AND ${inLong(b, 'mask_a')} AND ${registeredOver(ms(b.bs), ms(b.be))}
          GROUP BY p.kind, p.who
        ) y GROUP BY y.kind`.execute(db);
      for (const r of counted) out.push({ k: b.k, kind: r.kind, n: Number(r.n) });
    }
  }
  const active = (kind: string) =>
    sql`p.kind = ${sql.lit(kind)} AND (p.mask_a & pm.bm) <> 0 AND ${REGISTERED}`;
  if (single !== null && rows === undefined) {
    const counted = await countsPerMonth(db, practiceId, single, {
      client: active('client'),
      therapist: active('therapist'),
    });
    for (const r of counted) {
      out.push(
        { k: r.k, kind: 'client', n: r.client },
        { k: r.k, kind: 'therapist', n: r.therapist },
      );
    }
  }
  // Rows built on the fly have no index to count by: one grouped join for every bucket.
  const grouped = rows === undefined ? multi : all;
  if (grouped !== null) {
    const source = rows === undefined ? sql`rollup_presence` : sql`(${rows})`;
    const { rows: counted } = await sql<{ k: number; kind: string; n: number }>`
      SELECT pm.k, p.kind, COUNT(DISTINCT p.who) AS n
      FROM ${grouped} CROSS JOIN ${source} p
      WHERE p.practice_id = ${practiceId} AND p.month_day = pm.md
        AND p.kind IN ('client', 'therapist') AND (p.mask_a & pm.bm) <> 0 AND ${REGISTERED}
      GROUP BY pm.k, p.kind`.execute(db);
    for (const r of counted) out.push({ k: Number(r.k), kind: r.kind, n: Number(r.n) });
  }
  return out;
}

/**
 * Per bucket (by index): clients with a completed session in it (served), and of those the
 * ones who also answered a csat survey in it, from rollup_presence.
 */
export async function servedByBucket(
  db: Db,
  practiceId: string,
  buckets: readonly Bucket[],
  zone: string,
) {
  const { single, multi, long } = presenceMonths(buckets, zone);
  const out: { k: number; served: number; answered: number }[] = [];
  for (const b of long) {
    // A client served in one month of the bucket and answering in another counts as both.
    const { rows } = await sql<{ served: number | null; answered: number | null }>`
      SELECT SUM(y.s) AS served, SUM(y.s * y.a) AS answered FROM (
        SELECT p.who, MAX(CASE WHEN ${inLong(b, 'mask_a')} THEN 1 ELSE 0 END) AS s,
          MAX(CASE WHEN ${inLong(b, 'mask_b')} THEN 1 ELSE 0 END) AS a
        FROM rollup_presence p
        WHERE p.practice_id = ${practiceId} AND p.kind = 'care' AND ${monthsOf(b)}
        GROUP BY p.who
      ) y`.execute(db);
    const r = rows[0];
    out.push({ k: b.k, served: Number(r?.served ?? 0), answered: Number(r?.answered ?? 0) });
  }
  if (single !== null) {
    const served = sql`p.kind = 'care' AND (p.mask_a & pm.bm) <> 0`;
    out.push(
      ...(await countsPerMonth(db, practiceId, single, {
        served,
        answered: sql`${served} AND (p.mask_b & pm.bm) <> 0`,
      })),
    );
  }
  if (multi !== null) {
    // A client served in one month of the bucket and answering in another counts as both.
    const { rows } = await sql<{ k: number; served: number; answered: number }>`
      SELECT y.k, SUM(y.s) AS served, SUM(y.s * y.a) AS answered FROM (
        SELECT pm.k, p.who,
          MAX(CASE WHEN (p.mask_a & pm.bm) <> 0 THEN 1 ELSE 0 END) AS s,
          MAX(CASE WHEN (p.mask_b & pm.bm) <> 0 THEN 1 ELSE 0 END) AS a
        FROM ${multi} CROSS JOIN rollup_presence p
        WHERE p.practice_id = ${practiceId} AND p.month_day = pm.md AND p.kind = 'care'
          AND ((p.mask_a | p.mask_b) & pm.bm) <> 0
        GROUP BY pm.k, p.who
      ) y GROUP BY y.k`.execute(db);
    for (const r of rows) {
      out.push({ k: Number(r.k), served: Number(r.served), answered: Number(r.answered) });
    }
  }
  return out;
}
