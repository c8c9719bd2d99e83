import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import type { Bucket } from '../periods/buckets.js';
import { presenceMonths } from './presence-months.js';

/**
 * Per bucket (by index): known clients and therapists with activity in it who are registered
 * over it, from rollup_presence. One statement; a user active in several months of a bucket
 * counts once.
 */
export async function activeUsersByBucket(
  db: Db,
  practiceId: string,
  buckets: readonly Bucket[],
  zone: string,
) {
  const pm = presenceMonths(buckets, zone);
  const { rows } = await sql<{ k: number; kind: string; n: number }>`
    SELECT pm.k, p.kind, COUNT(DISTINCT p.who) AS n
    FROM ${pm.table} CROSS JOIN rollup_presence p
    WHERE p.practice_id = ${practiceId} AND p.month_day = pm.md
      AND p.kind IN ('client', 'therapist')
      AND (p.mask_a & pm.bm) <> 0
      AND (p.reg_from IS NULL OR p.reg_from < pm.be) AND (p.reg_to IS NULL OR p.reg_to >= pm.bs)
    GROUP BY pm.k, p.kind`.execute(db);
  return rows.map((r) => ({ k: Number(r.k), kind: r.kind, n: Number(r.n) }));
}

/**
 * Per bucket (by index): clients with a completed session in it (served), and of those the
 * ones who also answered a csat survey in it, from rollup_presence. One statement.
 */
export async function servedByBucket(
  db: Db,
  practiceId: string,
  buckets: readonly Bucket[],
  zone: string,
) {
  const pm = presenceMonths(buckets, zone);
  const { rows } = await sql<{ k: number; served: number; answered: number }>`
    SELECT x.k, SUM(x.s) AS served, SUM(x.s * x.a) AS answered FROM (
      SELECT pm.k, p.who,
        MAX(CASE WHEN (p.mask_a & pm.bm) <> 0 THEN 1 ELSE 0 END) AS s,
        MAX(CASE WHEN (p.mask_b & pm.bm) <> 0 THEN 1 ELSE 0 END) AS a
      FROM ${pm.table} CROSS JOIN rollup_presence p
      WHERE p.practice_id = ${practiceId} AND p.month_day = pm.md
        AND p.kind = 'care' AND ((p.mask_a | p.mask_b) & pm.bm) <> 0
      GROUP BY pm.k, p.who
    ) x GROUP BY x.k`.execute(db);
  return rows.map((r) => ({
    k: Number(r.k),
    served: Number(r.served),
    answered: Number(r.answered),
  }));
}
