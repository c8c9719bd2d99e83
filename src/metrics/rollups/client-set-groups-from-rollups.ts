import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import {
  TOTAL,
  addPart,
  boundariesOf,
  dimKey,
  type Grouping,
  type PartValues,
} from '../engine/grouping.js';
import { answeredSurveys, firstThreeSessions } from '../engine/client-sets.js';
import {
  FIRST_MATCH_MATURES_MS,
  REMATCH_MATURES_MS,
  RETURN_MATURES_MS,
  cohortMaturity,
} from '../engine/cohort-maturity.js';
import type { FilterTerm } from '../engine/kpi-filter.js';
import { bucketIndex, ms } from '../engine/sql-fragments.js';
import { countActive, type ActiveSpan } from './count-active.js';

/** Where a client is attributed at one instant: each dimension's group key (dimKey). */
export interface Attribution {
  therapist: string;
  service: string;
  channel: string;
  /** A new client without a completed session: in no therapist's or service's group. */
  unseen?: true;
}

/**
 * Whether the runs of rollup_client_spells can serve a grouping under these filters exactly as
 * engine/client-sets.ts attributes: no filter, or one filter that the grouping does not cross
 * (by time, by channel, or by the filter's own dimension). A filter on one of therapist and
 * service with a grouping by the other breaks ties between same-instant sessions by the pair,
 * which the runs do not keep: that case, and both filters, stay on the records.
 */
export function clientSetGroupsServe(grouping: Grouping, filters: readonly FilterTerm[]): boolean {
  if (filters.length === 0) return true;
  if (filters.length > 1) return false;
  return grouping.kind !== 'dim' || grouping.dim === 'channel' || grouping.dim === filters[0]!.dim;
}

/**
 * The client-set parts of engine/client-sets.ts by therapist, service or channel and under a
 * therapist or service filter (see clientSetGroupsServe), from the rollups: S, E and retained
 * from the runs of rollup_client_spells, which name the therapist and service of the last
 * completed session before each instant; N and its cohorts from rollup_client_firsts, which
 * name those of the first session; the channel from the client's record. Served (and served ∩
 * answered) are read from the period's own completed sessions and csat answers: a client is
 * served in the group of each of its sessions there. Runs and firsts hold instants, so any
 * zone's buckets are served, also by calendar bucket.
 */
export async function clientSetGroupsFromRollups(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  filters: readonly FilterTerm[],
  outputs: ReadonlySet<string>,
  endOfData = Date.now(),
): Promise<PartValues> {
  const buckets = grouping.buckets;
  const t = boundariesOf(buckets);
  const [first, last] = [t[0]!, t[t.length - 1]!];
  const timed = grouping.kind === 'time';
  const dim = grouping.kind === 'dim' ? grouping.dim : null;
  const filter = filters[0];
  const passes = (a: Attribution) =>
    filter === undefined || (!a.unseen && a[filter.dim] === filter.value);
  type Target = (a: Attribution) => string | null;
  const into =
    (key: string): Target =>
    (a) =>
      passes(a) ? key : null;
  const own: Target = (a) =>
    !passes(a) || dim === null || (a.unseen && dim !== 'channel') ? null : a[dim];
  /** Each span of boundaries [i0, i1] and where it counts: the whole, a bucket, or own groups. */
  const spans: [Target, number, number][] = [[into(TOTAL), 0, buckets.length]];
  if (timed) buckets.forEach((b, j) => spans.push([into(b.key), j, j + 1]));
  else if (dim !== null) spans.push([own, 0, buckets.length]);
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  if (timed) for (const b of buckets) out.set(b.key, new Map());

  // S, E, retained: the run holding each boundary, counted in SQL (count-active.ts).
  const active: ActiveSpan[] = [{ i0: 0, i1: buckets.length, group: TOTAL }];
  if (timed) buckets.forEach((b, j) => active.push({ i0: j, i1: j + 1, group: b.key }));
  else if (dim !== null) active.push({ i0: 0, i1: buckets.length, group: 'own' });
  await countActive(db, practiceId, t, active, { dim, ...(filter ? { filter } : {}) }, out);

  // Served: per client and bucket, the attributions of its completed sessions there.
  const { rows: sessions } = await sql<{
    cid: string;
    th: string | null;
    sv: string | null;
    ch: string | null;
    k: number;
  }>`SELECT a.client_id AS cid, a.therapist_id AS th, a.service AS sv,
      c.acquisition_channel AS ch, ${bucketIndex('a.scheduled_start', buckets)} AS k
    FROM appointments a
    LEFT JOIN clients c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
    WHERE a.practice_id = ${practiceId} AND a.status = 'completed'
      AND a.scheduled_start >= ${ms(first)} AND a.scheduled_start < ${ms(last)}
    GROUP BY a.client_id, a.therapist_id, a.service, c.acquisition_channel, k`.execute(db);
  const served = new Map<string, Attribution[][]>();
  for (const r of sessions) {
    const per = served.get(r.cid) ?? buckets.map(() => []);
    per[Number(r.k)]!.push({
      therapist: dimKey(r.th),
      service: dimKey(r.sv),
      channel: dimKey(r.ch),
    });
    served.set(r.cid, per);
  }
  const answered = outputs.has('served_answered')
    ? await answeredSurveys(db, practiceId, buckets)
    : new Map<string, boolean[]>();

  for (const [cid, per] of served) {
    const ans = answered.get(cid);
    for (const [target, i0, i1] of spans) {
      const groups = new Set<string>();
      for (let j = i0; j < i1; j++) {
        for (const a of per[j]!) {
          const g = target(a);
          if (g !== null) groups.add(g);
        }
      }
      let answeredHere = false;
      for (let j = i0; j < i1 && !answeredHere; j++) answeredHere = ans?.[j] === true;
      for (const g of groups) {
        addPart(out, g, 'served', 1);
        if (answeredHere) addPart(out, g, 'served_answered', 1);
      }
    }
  }

  // N and its cohorts, each new client by the first session's attribution.
  const { rows: firsts } = await sql<{
    cid: string;
    new_at: number;
    first_at: number | null;
    returned: number;
    rematched: number;
    kept: number;
    th: string | null;
    sv: string | null;
    ch: string | null;
  }>`SELECT f.client_id AS cid, f.new_at, f.first_at, f.returned, f.rematched,
      f.first_match_retained AS kept, f.first_therapist AS th, f.first_service AS sv,
      c.acquisition_channel AS ch
    FROM rollup_client_firsts f
    LEFT JOIN clients c ON c.practice_id = f.practice_id AND c.client_id = f.client_id
    WHERE f.practice_id = ${practiceId} AND f.new_at >= ${ms(first)}
      AND f.new_at < ${ms(last)}`.execute(db);
  const settled = endOfData - REMATCH_MATURES_MS;
  const young = firsts
    .filter((f) => f.first_at !== null && Number(f.first_at) > settled)
    .map((f) => String(f.cid));
  const three = young.length > 0 ? await firstThreeSessions(db, practiceId, young) : new Map();
  for (const f of firsts) {
    const newAt = Number(f.new_at);
    const firstAt = f.first_at === null ? null : Number(f.first_at);
    const a: Attribution = {
      therapist: dimKey(f.th),
      service: dimKey(f.sv),
      channel: dimKey(f.ch),
      ...(firstAt === null ? { unseen: true as const } : {}),
    };
    for (const [target, i0, i1] of spans) {
      if (newAt < t[i0]! || newAt >= t[i1]!) continue;
      const g = target(a);
      if (g === null) continue;
      addPart(out, g, 'new_clients', 1);
      if (firstAt === null) continue;
      addPart(out, g, 'new_seen', 1);
      if (endOfData - firstAt >= RETURN_MATURES_MS) {
        addPart(out, g, 'new_return_matured', 1);
        addPart(out, g, 'new_returned', Number(f.returned));
      }
      const rematchMatured =
        firstAt <= settled ||
        cohortMaturity(three.get(String(f.cid)) ?? [], endOfData).rematchMatured;
      if (rematchMatured) {
        addPart(out, g, 'new_rematch_matured', 1);
        addPart(out, g, 'new_rematched', Number(f.rematched));
      }
      if (endOfData - firstAt >= FIRST_MATCH_MATURES_MS) {
        addPart(out, g, 'new_first_match_matured', 1);
        addPart(out, g, 'new_first_match_retained', Number(f.kept));
      }
    }
  }
  return out;
}
