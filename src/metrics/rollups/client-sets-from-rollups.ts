import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import {
  TOTAL,
  addPart,
  boundariesOf,
  type Grouping,
  type PartValues,
} from '../engine/grouping.js';
import { bucketIndex, ms } from '../engine/sql-fragments.js';
import { countActive, type ActiveSpan } from './count-active.js';
import { servedByBucket } from './read-presence.js';
import { firstThreeSessions } from '../engine/client-sets.js';
import {
  FIRST_MATCH_MATURES_MS,
  REMATCH_MATURES_MS,
  RETURN_MATURES_MS,
  cohortMaturity,
} from '../engine/cohort-maturity.js';

/**
 * The client-set parts of engine/client-sets.ts for an unfiltered period, whole or by calendar
 * bucket, from the rollups: active clients at each boundary from rollup_client_spells, new
 * clients (with a first session; matured, returned, rematched, kept their first match at
 * `endOfData`) from rollup_client_firsts, served and served ∩ answered from
 * rollup_presence (buckets with local-midnight edges in `zone`, the rollups' zone).
 */
export async function clientSetsFromRollups(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  zone: string,
  endOfData = Date.now(),
): Promise<PartValues> {
  const buckets = grouping.buckets;
  const t = boundariesOf(buckets);
  const [first, last] = [t[0]!, t[t.length - 1]!];
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  const timed = grouping.kind === 'time';
  if (timed) for (const b of buckets) out.set(b.key, new Map());

  // Active at t: a run (from, to] of rollup_client_spells holds t (count-active.ts).
  const spans: ActiveSpan[] = [{ i0: 0, i1: buckets.length, group: TOTAL }];
  if (timed) buckets.forEach((b, j) => spans.push({ i0: j, i1: j + 1, group: b.key }));
  await countActive(db, practiceId, t, spans, { dim: null }, out);

  // New: the instant that makes the client new (first completed session, or intake date) lies
  // in the bucket. The cohorts count only clients with a first session (new_seen), matured
  // (cohort-maturity.ts) by age alone, counted in SQL; the few younger than the rematch age are
  // settled one by one (a third session matures rematch).
  const g = timed ? bucketIndex('f.new_at', buckets) : sql`0`;
  const settled = endOfData - REMATCH_MATURES_MS;
  const returnBy = endOfData - RETURN_MATURES_MS;
  const keptBy = endOfData - FIRST_MATCH_MATURES_MS;
  const { rows: firsts } = await sql<Record<string, number>>`
    SELECT ${g} AS g, COUNT(*) AS n, COUNT(f.first_at) AS seen,
      SUM(CASE WHEN f.first_at <= ${ms(returnBy)} THEN 1 ELSE 0 END) AS return_matured,
      SUM(CASE WHEN f.first_at <= ${ms(returnBy)} THEN f.returned ELSE 0 END) AS returned,
      SUM(CASE WHEN f.first_at <= ${ms(settled)} THEN 1 ELSE 0 END) AS rematch_matured,
      SUM(CASE WHEN f.first_at <= ${ms(settled)} THEN f.rematched ELSE 0 END) AS rematched,
      SUM(CASE WHEN f.first_at <= ${ms(keptBy)} THEN 1 ELSE 0 END) AS kept_matured,
      SUM(CASE WHEN f.first_at <= ${ms(keptBy)} THEN f.first_match_retained ELSE 0 END) AS kept
    FROM rollup_client_firsts f
    WHERE f.practice_id = ${practiceId} AND f.new_at >= ${ms(first)} AND f.new_at < ${ms(last)}
    GROUP BY g`.execute(db);
  const keysOf = (bucket: number) => (timed ? [TOTAL, buckets[bucket]!.key] : [TOTAL]);
  for (const r of firsts) {
    for (const key of keysOf(Number(r.g))) {
      addPart(out, key, 'new_clients', Number(r.n));
      addPart(out, key, 'new_seen', Number(r.seen));
      addPart(out, key, 'new_return_matured', Number(r.return_matured));
      addPart(out, key, 'new_returned', Number(r.returned));
      addPart(out, key, 'new_rematch_matured', Number(r.rematch_matured));
      addPart(out, key, 'new_rematched', Number(r.rematched));
      addPart(out, key, 'new_first_match_matured', Number(r.kept_matured));
      addPart(out, key, 'new_first_match_retained', Number(r.kept));
    }
  }
  const { rows: young } = await sql<{ g: number; cid: string; rematched: number }>`
    SELECT ${g} AS g, f.client_id AS cid, f.rematched AS rematched FROM rollup_client_firsts f
    WHERE f.practice_id = ${practiceId} AND f.new_at >= ${ms(first)} AND f.new_at < ${ms(last)}
      AND f.first_at > ${ms(settled)}`.execute(db);
  if (young.length > 0) {
    const sessions = await firstThreeSessions(
      db,
      practiceId,
      young.map((r) => String(r.cid)),
    );
    for (const r of young) {
      if (!cohortMaturity(sessions.get(String(r.cid)) ?? [], endOfData).rematchMatured) continue;
      for (const key of keysOf(Number(r.g))) {
        addPart(out, key, 'new_rematch_matured', 1);
        addPart(out, key, 'new_rematched', Number(r.rematched));
      }
    }
  }

  // Served (and answered a csat survey) in each bucket and in the whole period.
  const whole = { key: TOTAL, start: first, end: last };
  const sets = timed ? [...buckets, whole] : [whole];
  for (const r of await servedByBucket(db, practiceId, sets, zone)) {
    const key = sets[r.k]!.key;
    addPart(out, key, 'served', r.served);
    addPart(out, key, 'served_answered', r.answered);
  }
  return out;
}
