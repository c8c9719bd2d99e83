import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import { addPart, dimKey, type PartValues } from '../engine/grouping.js';
import type { FilterTerm } from '../engine/kpi-filter.js';
import { bucketIndex, matchesKey, ms } from '../engine/sql-fragments.js';

/**
 * Where S, E and retained of one span of boundaries [i0, i1] are counted: into a fixed group
 * (the whole, a bucket), or, with `own`, into each client's own group at the boundary — its
 * run's therapist or service, or its acquisition channel.
 */
export interface ActiveSpan {
  i0: number;
  i1: number;
  group: string | 'own';
}

/** Boundaries per mask column: masks stay below 2^51, exact in a double and in a BIGINT. */
const CHUNK = 50;

const COLUMN = { therapist: 's.therapist_id', service: 's.service' } as const;

/** A run's attribution matches the filter, as dimKey compares it. */
const passes = (f: FilterTerm) => matchesKey(sql.raw(COLUMN[f.dim]), f.value);

/**
 * Counts S (active at each span's first boundary), E (at its last) and retained (active at both,
 * counted where S is) into `out`, from the runs of rollup_client_spells, in SQL. A run (from, to]
 * of a client not discharged before t holds t; per client the boundaries its runs hold are a
 * bitmask (runs never overlap, so their masks add up), 50 boundaries to a column, and so are
 * those held by runs passing the filter. Clients are then counted per pattern of masks (and,
 * for `own` spans, attribution at t_0 and t_n), so a few hundred rows reach JavaScript instead of
 * one per run (24 months by month at a million appointments: 253,301 runs → 324 patterns).
 * Under a filter a client counts in S or E only where the run holding the boundary passes it;
 * retained needs it active at the end, attributed or not (as engine/client-sets.ts counts).
 * `own` spans must be [0, n]: a grouping by dimension has no buckets.
 */
export async function countActive(
  db: Db,
  practiceId: string,
  t: readonly number[],
  spans: readonly ActiveSpan[],
  read: { dim: 'therapist' | 'service' | 'channel' | null; filter?: FilterTerm },
  out: PartValues,
): Promise<void> {
  const n = t.length - 1;
  const endText =
    '(CASE WHEN s.discharged_at IS NOT NULL AND s.discharged_at < s.active_to THEN s.discharged_at ELSE s.active_to END)';
  const end = sql.raw(endText);
  const chunks = Array.from({ length: Math.ceil(t.length / CHUNK) }, (_, c) => c * CHUNK);
  /**
   * The bits of the boundaries of the chunk starting at b that a run holds: those with
   * from < t ≤ end, i.e. 2^count(t ≤ end) − 2^count(t ≤ from) over the chunk's boundaries
   * (count by a CASE tree whose "bucket" k starts at the chunk's t_{k-1}).
   */
  const maskIn = (b: number) => {
    const own = t.slice(b, b + CHUNK).map((ti) => ({ key: '', start: ti, end: ti }));
    const upTo = [{ key: '', start: -Infinity, end: 0 }, ...own];
    const count = (x: string) => bucketIndex(x, upTo);
    return sql`(CAST(1 AS BIGINT) << ${count(endText)}) - (CAST(1 AS BIGINT) << ${count('s.active_from')})`;
  };
  const holds = (ti: number) => sql`s.active_from < ${ms(ti)} AND ${end} >= ${ms(ti)}`;
  const perClient: RawBuilder<unknown>[] = [];
  const outer: RawBuilder<unknown>[] = [];
  chunks.forEach((b, c) => {
    const mask = maskIn(b);
    perClient.push(sql`SUM(${mask}) AS ${sql.raw(`h${c}`)}`);
    outer.push(sql.raw(`x.h${c}`));
    if (read.filter) {
      perClient.push(
        sql`SUM(CASE WHEN ${passes(read.filter)} THEN ${mask} ELSE 0 END) AS ${sql.raw(`p${c}`)}`,
      );
      outer.push(sql.raw(`x.p${c}`));
    }
  });
  const own = spans.some((s) => s.group === 'own') && read.dim !== null;
  const channel = own && read.dim === 'channel';
  if (own && !channel) {
    const col = sql.raw(COLUMN[read.dim as 'therapist' | 'service']);
    perClient.push(
      sql`MAX(CASE WHEN ${holds(t[0]!)} THEN ${col} END) AS d0`,
      sql`MAX(CASE WHEN ${holds(t[n]!)} THEN ${col} END) AS dn`,
    );
    outer.push(sql`x.d0`, sql`x.dn`);
  } else if (channel) {
    outer.push(sql`c.acquisition_channel`);
  }
  // A run of a client discharged by its start holds nothing (and would give a negative mask).
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join(outer.map((o, i) => sql`${o} AS ${sql.raw(`o${i}`)}`))}, COUNT(*) AS n FROM (
      SELECT s.client_id, ${sql.join(perClient)}
      FROM rollup_client_spells s
      WHERE s.practice_id = ${practiceId} AND s.active_to >= ${ms(t[0]!)}
        AND s.active_from < ${ms(t[n]!)}
        AND (s.discharged_at IS NULL OR s.discharged_at > s.active_from)
      GROUP BY s.client_id
    ) x${channel ? sql` LEFT JOIN clients c ON c.practice_id = ${practiceId} AND c.client_id = x.client_id` : sql``}
    GROUP BY ${sql.join(outer)}`.execute(db);
  const step = read.filter ? 2 : 1;
  for (const r of rows) {
    const k = Number(r.n);
    const o = (i: number) => r[`o${i}`];
    const bit = (i: number, passed: boolean) => {
      const c = Math.floor(i / CHUNK);
      const mask = Number(o(c * step + (passed && read.filter ? 1 : 0)) ?? 0);
      return Math.floor(mask / 2 ** (i - c * CHUNK)) % 2 === 1;
    };
    const at0 = own ? dimKey(o(chunks.length * step)) : '';
    const atN = own ? dimKey(o(chunks.length * step + (channel ? 0 : 1))) : '';
    for (const s of spans) {
      const inS = bit(s.i0, true);
      const inE = bit(s.i1, true);
      const gS = s.group === 'own' ? at0 : s.group;
      const gE = s.group === 'own' ? atN : s.group;
      if (inS) addPart(out, gS, 'active_start', k);
      if (inE) addPart(out, gE, 'active_end', k);
      if (inS && bit(s.i1, false)) addPart(out, gS, 'retained', k);
    }
  }
}
