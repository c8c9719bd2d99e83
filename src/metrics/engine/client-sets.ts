import { sql, type RawBuilder } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import {
  TOTAL,
  addPart,
  boundariesOf,
  dimKey,
  type Grouping,
  type PartValues,
} from './grouping.js';
import { bucketIndex, ms } from './sql-fragments.js';
import { firstsOf } from '../rollups/build-client-spells.js';
import { fetchClientInfo, type ClientInfo } from './client-info.js';
import type { FilterTerm } from './kpi-filter.js';
import { FIRST_MATCH_MATURES_MS, cohortMaturity } from './cohort-maturity.js';
import { firstMatchRetained, firstMatchSessions } from './first-match-retention.js';

const DAY = 86_400_000;

/** One client's completed-session history, compacted per boundary and bucket. */
interface ClientHistory {
  /** Each "Dim" below is a group key: the filter values (if any), then the grouping's value. */
  first: number;
  firstDim: string;
  /** Per boundary i: last completed session before t_i, and its group. */
  last: (number | null)[];
  lastDim: string[];
  /** Per bucket: the groups in which the client had a completed session (unset: none). */
  served: (Set<string> | undefined)[];
}

const SQL_DIM = { therapist: 'a.therapist_id', service: 'a.service' } as const;

/**
 * The client-set parts: S (active at each bucket's start), E (active at its end), N (first ever
 * completed session in the bucket or, with `new_client_by: created_at`, intake date — a client
 * without a record falls back to its first session), retained (in S and E), served, served ∩
 * answered a csat survey, and among N those with a first session (new_seen), of these the
 * matured for return / rematch / first-match retention at `endOfData` (cohort-maturity.ts,
 * always measured from the first session) and of these the returned / rematched / retained.
 * One per-client aggregate query, plus one for surveys, one (window function) for the first
 * three sessions of possible new clients and one for their first-match windows.
 * Attribution (kpi-spec, "Client-set KPIs per group"): under by=therapist/service a client is
 * in the group of its last completed session before the instant for S, E and retained, of its
 * first completed session for N (a new client without one is in no such group), and of each
 * session for served; under by=channel in its acquisition channel. Under a filter each client
 * counts only where that attribution matches the filter. The whole period (TOTAL) never
 * depends on the grouping.
 */
export async function clientSets(
  db: Db,
  practice: Practice,
  grouping: Grouping,
  outputs: Set<string>,
  filters: FilterTerm[] = [],
  endOfData = Date.now(),
  members?: Map<string, Set<string>>,
): Promise<PartValues> {
  const buckets = grouping.buckets;
  const t = boundariesOf(buckets);
  const start = t[0]!;
  const end = t[t.length - 1]!;
  const W = practice.active_window_days * DAY;
  const pid = practice.practice_id;
  const info = await fetchClientInfo(db, pid);
  const sqlDim =
    grouping.kind === 'dim' && grouping.dim !== 'channel' ? SQL_DIM[grouping.dim] : null;
  const cols: RawBuilder<unknown>[] = [sql`a.client_id AS cid`];
  if (sqlDim) cols.push(sql`${sql.raw(sqlDim)} AS d`);
  const filterSql = filters.map((f) => SQL_DIM[f.dim]);
  filterSql.forEach((col, i) => cols.push(sql`${sql.raw(col)} AS ${sql.raw(`f${i}`)}`));
  const groupCols = [...new Set([...(sqlDim ? [sqlDim] : []), ...filterSql])];
  // Only sessions from `since` on can make a client active at a boundary (t − W ≥ since) or
  // served. One row per client, group and slice: slice 0 is [since, t_0), slice j + 1 is bucket
  // j. The last session before t_i is the latest of slices 0..i; served in bucket j = slice j + 1
  // present. Whether a client with no earlier session in the window is new is settled by its
  // first sessions ever (below).
  const since = start - W;
  const slices = [{ key: '', start: since, end: start }, ...buckets];
  const { rows: sliced } = await sql<Record<string, unknown>>`SELECT ${sql.join(cols)},
      ${bucketIndex('a.scheduled_start', slices)} AS k,
      MIN(a.scheduled_start) AS lo, MAX(a.scheduled_start) AS hi
    FROM appointments a
    WHERE a.practice_id = ${pid} AND a.status = 'completed'
      AND a.scheduled_start >= ${ms(since)} AND a.scheduled_start < ${ms(end)}
    GROUP BY ${sql.join([sql`a.client_id`, ...groupCols.map((c) => sql.raw(c)), sql`k`])}`.execute(
    db,
  );
  const groupOf = (cid: string, row: Record<string, unknown>): string => {
    if (grouping.kind !== 'dim') return TOTAL;
    if (grouping.dim === 'channel') return dimKey(info.get(cid)?.channel);
    return dimKey(row.d);
  };
  // With a filter, a key is the filter values then the group, joined by SEP; a client's
  // attribution passes when its filter values are the filter's.
  const SEP = '\u0001';
  const wanted = filters.map((f) => f.value).join(SEP);
  const dimOf = (cid: string, row: Record<string, unknown>): string =>
    filters.length === 0
      ? groupOf(cid, row)
      : [...filters.map((_, i) => dimKey(row[`f${i}`])), groupOf(cid, row)].join(SEP);
  const passes = (key: string) =>
    filters.length === 0 || key.slice(0, key.lastIndexOf(SEP)) === wanted;
  const groupPart = (key: string) =>
    filters.length === 0 ? key : key.slice(key.lastIndexOf(SEP) + 1);
  /** Where a client attributed by a key counts: one fixed group (total, bucket) or its own. */
  type Target = (key: string) => string | null;
  const into =
    (group: string): Target =>
    (key) =>
      passes(key) ? group : null;
  const ownGroup: Target = (key) => (passes(key) ? groupPart(key) : null);
  // Per client: the first session in the window, and per slice the latest session and its group
  // (ties: the smallest group key), then the last session before each t_i cumulatively.
  const clients = new Map<string, ClientHistory>();
  const sliceHi = new Map<ClientHistory, { at: (number | null)[]; dim: string[] }>();
  for (const row of sliced) {
    const cid = String(row.cid);
    const dim = dimOf(cid, row);
    let h = clients.get(cid);
    let sh = h && sliceHi.get(h);
    if (!h || !sh) {
      h = {
        first: Infinity,
        firstDim: dim,
        last: t.map(() => null),
        lastDim: t.map(() => dim),
        served: new Array<Set<string> | undefined>(buckets.length),
      };
      sh = { at: t.map(() => null), dim: t.map(() => dim) };
      clients.set(cid, h);
      sliceHi.set(h, sh);
    }
    const lo = Number(row.lo);
    const hi = Number(row.hi);
    const k = Number(row.k);
    if (lo < h.first || (lo === h.first && dim < h.firstDim)) [h.first, h.firstDim] = [lo, dim];
    const prev = sh.at[k];
    if (prev === null || prev === undefined || hi > prev || (hi === prev && dim < sh.dim[k]!)) {
      sh.at[k] = hi;
      sh.dim[k] = dim;
    }
    if (k > 0) (h.served[k - 1] ??= new Set<string>()).add(dim);
  }
  for (const [h, sh] of sliceHi) {
    let l: number | null = null;
    let ld = h.lastDim[0]!;
    for (let i = 0; i < t.length; i++) {
      const at = sh.at[i];
      if (at !== null && at !== undefined) {
        if (l === null || at > l || (at === l && sh.dim[i]! < ld)) [l, ld] = [at, sh.dim[i]!];
      }
      h.last[i] = l;
      h.lastDim[i] = ld;
    }
  }
  // Who is new, when, and in which group: by the first session ever (a client whose first
  // session in the window lies in the period is new unless it has one before the window), or
  // by the intake date. Their first sessions ever settle this and their cohort outcomes.
  const byIntake = practice.new_client_by === 'created_at';
  const candidates = new Set(
    [...clients].filter(([cid, h]) => h.first >= start && !(byIntake && info.has(cid))),
  );
  const intake = byIntake
    ? [...info].filter(([, c]) => c.created_at >= start && c.created_at < end).map(([cid]) => cid)
    : [];
  const firstThree = await firstThreeSessions(db, pid, [
    ...[...candidates].map(([cid]) => cid),
    ...intake,
  ]);
  /** Per new client: the instant that makes it new, and the key it is attributed by (null: none). */
  const newcomers = new Map<string, { at: number; key: string | null }>();
  for (const [cid, h] of candidates) {
    const s1 = firstThree.get(cid)?.[0];
    if (s1 !== undefined && s1.at < since) continue;
    newcomers.set(cid, { at: h.first, key: h.firstDim });
  }
  for (const cid of intake) {
    const s1 = firstThree.get(cid)?.[0];
    const row: Record<string, unknown> = {};
    if (s1 !== undefined) {
      if (grouping.kind === 'dim' && grouping.dim !== 'channel') row.d = s1[grouping.dim];
      filters.forEach((f, i) => (row[`f${i}`] = s1[f.dim]));
    }
    // Without a completed session a client belongs to no therapist or service: it counts in
    // the whole and its channel, and under no filter.
    if (s1 === undefined && filters.length > 0) continue;
    const key = s1 !== undefined || !sqlDim ? dimOf(cid, row) : null;
    newcomers.set(cid, { at: info.get(cid)!.created_at, key });
  }
  const kept = wantsFirstMatch(outputs)
    ? await firstMatchSessions(
        db,
        pid,
        [...newcomers.keys()].filter((cid) => {
          const s1 = firstThree.get(cid)?.[0];
          return s1 !== undefined && endOfData - s1.at >= FIRST_MATCH_MATURES_MS;
        }),
      )
    : new Map<string, { at: number; therapist: string }[]>();

  const answered = outputs.has('served_answered')
    ? await answeredSurveys(db, pid, buckets)
    : new Map<string, boolean[]>();

  const out: PartValues = new Map([[TOTAL, new Map()]]);
  // The client each count below is for; with `members`, the whole's members per part are kept
  // (the records behind a figure, metrics/drilldown): the same decisions, never a second copy.
  let current = '';
  const add = (group: string, part: string) => {
    addPart(out, group, part, 1);
    if (members && group === TOTAL) {
      let set = members.get(part);
      if (!set) members.set(part, (set = new Set()));
      set.add(current);
    }
  };
  const timed = grouping.kind === 'time';
  if (timed) for (const b of buckets) out.set(b.key, new Map());
  const all = buckets.map((_, j) => j);
  for (const [cid, h] of clients) {
    current = cid;
    const c = info.get(cid);
    const active = (i: number) => isActive(h.last[i]!, t[i]!, W, c);
    const ans = answered.get(cid);
    // S and E by the last session before each instant, retained with S, served wherever the
    // client had a session in the span.
    const evaluate = (target: Target, i0: number, i1: number, sIdx: number[]) => {
      const inS = active(i0);
      const inE = active(i1);
      const gS = target(h.lastDim[i0]!);
      const gE = target(h.lastDim[i1]!);
      if (inS && gS !== null) add(gS, 'active_start');
      if (inE && gE !== null) add(gE, 'active_end');
      if (inS && inE && gS !== null) add(gS, 'retained');
      let servedIn: Set<string> | undefined;
      for (const j of sIdx) {
        const ds = h.served[j];
        if (ds === undefined) continue;
        for (const d of ds) {
          const g = target(d);
          if (g !== null) (servedIn ??= new Set<string>()).add(g);
        }
      }
      if (servedIn !== undefined) {
        const answeredHere = sIdx.some((j) => ans?.[j]);
        for (const g of servedIn) {
          add(g, 'served');
          if (answeredHere) add(g, 'served_answered');
        }
      }
    };
    // The whole period always goes to TOTAL, whatever the grouping, so that a grouping never
    // changes the whole (kpi-spec); then each bucket or each client's own group.
    evaluate(into(TOTAL), 0, buckets.length, all);
    if (timed) buckets.forEach((b, j) => evaluate(into(b.key), j, j + 1, [j]));
    else if (grouping.kind === 'dim') evaluate(ownGroup, 0, buckets.length, all);
  }
  // N and its cohorts: in the whole, each bucket, or the client's own group (by its key).
  for (const [cid, nc] of newcomers) {
    current = cid;
    const sessions = firstThree.get(cid);
    const firsts = sessions ? firstsOf(sessions) : null;
    const matured = sessions ? cohortMaturity(sessions, endOfData) : null;
    const count = (target: Target, i0: number, i1: number, own = false) => {
      if (nc.at < t[i0]! || nc.at >= t[i1]!) return;
      const g = nc.key !== null ? target(nc.key) : own ? null : target('');
      if (g === null) return;
      add(g, 'new_clients');
      if (!firsts) return;
      add(g, 'new_seen');
      if (matured?.returnMatured) {
        add(g, 'new_return_matured');
        if (firsts.returned) add(g, 'new_returned');
      }
      if (matured?.rematchMatured) {
        add(g, 'new_rematch_matured');
        if (firsts.rematched) add(g, 'new_rematched');
      }
      if (matured?.firstMatchMatured) {
        add(g, 'new_first_match_matured');
        if (firstMatchRetained(kept.get(cid) ?? [])) add(g, 'new_first_match_retained');
      }
    };
    count(into(TOTAL), 0, buckets.length);
    if (timed) buckets.forEach((b, j) => count(into(b.key), j, j + 1));
    else if (grouping.kind === 'dim') count(ownGroup, 0, buckets.length, true);
  }
  return out;
}

/** Whether first-match retention is asked for (its sessions are read only then). */
const wantsFirstMatch = (outputs: Set<string>) =>
  outputs.has('new_first_match_matured') || outputs.has('new_first_match_retained');

function isActive(last: number | null, ti: number, W: number, c: ClientInfo | undefined) {
  if (last === null || last < ti - W) return false;
  return c?.discharged_at === null || c?.discharged_at === undefined || c.discharged_at >= ti;
}

/** Per client, per bucket: answered a csat survey in it. */
export async function answeredSurveys(db: Db, pid: string, buckets: Grouping['buckets']) {
  const cols = buckets.map(
    (b, j) =>
      sql`MAX(CASE WHEN q.responded_at >= ${ms(b.start)} AND q.responded_at < ${ms(b.end)} THEN 1 ELSE 0 END) AS ${sql.raw(`s${j}`)}`,
  );
  const { rows } = await sql<Record<string, unknown>>`SELECT q.client_id AS cid, ${sql.join(cols)}
    FROM surveys q WHERE q.practice_id = ${pid} AND q.instrument = 'csat'
    AND q.responded_at >= ${ms(buckets[0]!.start)} AND q.responded_at < ${ms(buckets[buckets.length - 1]!.end)}
    GROUP BY q.client_id`.execute(db);
  return new Map(rows.map((r) => [String(r.cid), buckets.map((_, j) => Number(r[`s${j}`]) === 1)]));
}

/** Clients per firstThreeSessions query (bound parameters stay far below every limit). */
const CHUNK = 2000;

/** The first three completed sessions ever of each of the given clients. */
export async function firstThreeSessions(db: Db, pid: string, clientIds: string[]) {
  const out = new Map<string, { at: number; therapist: string; service: string | null }[]>();
  for (let i = 0; i < clientIds.length; i += CHUNK) {
    const ids = clientIds.slice(i, i + CHUNK);
    const { rows } = await sql<{
      cid: string;
      therapist: string;
      service: string | null;
      at: number;
      rn: number;
    }>`
      SELECT x.cid, x.therapist, x.service, x.at, x.rn FROM (
        SELECT a.client_id AS cid, a.therapist_id AS therapist, a.service AS service,
          a.scheduled_start AS at,
          ROW_NUMBER() OVER (PARTITION BY a.client_id ORDER BY a.scheduled_start, a.appointment_id) AS rn
        FROM appointments a
        WHERE a.practice_id = ${pid} AND a.status = 'completed'
          AND a.client_id IN (${sql.join(ids.map((id) => sql`${id}`))})
      ) x WHERE x.rn <= 3`.execute(db);
    for (const r of rows) {
      const list = out.get(r.cid) ?? [];
      list[Number(r.rn) - 1] = { at: Number(r.at), therapist: r.therapist, service: r.service };
      out.set(r.cid, list);
    }
  }
  return out;
}
