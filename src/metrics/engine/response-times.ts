import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../store/database.js';
import { clocksOf, type Clock } from '../rollups/build-clocks.js';
import { runsBy } from '../rollups/read-in-chunks.js';
import { listAgg, parseList } from '../../store/dialect.js';
import { quantileAt } from '../stats/quantile.js';
import { TOTAL, addPart, dimKey, type Grouping, type PartValues } from './grouping.js';
import { fetchClientInfo } from './client-info.js';
import type { FilterTerm } from './kpi-filter.js';
import { bucketIndex, matchesKey, ms } from './sql-fragments.js';

/** The answered waits of one group: how many, their median and 90th percentile (ms). */
export interface WaitSummary {
  answered: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Response-time parts and, per group, the summary of the individual waits. */
export interface ResponseTimes {
  parts: PartValues;
  waits: Map<string, WaitSummary>;
}

const QUANTILES = [0.5, 0.9] as const;

/**
 * Pairs each clock-starting client message with the next message from anyone else in the same
 * conversation (see rollups/build-clocks.ts). Pairs and unanswered clocks belong to the period
 * of the starting message. A therapist filter keeps the clocks it would group under that
 * therapist (the replying therapist, else the therapist named on the opening message).
 * With current rollups (`useClocks`) the clocks are read from rollup_clocks, each group's waits
 * as one list; otherwise every message of the conversations with a client message in the
 * period is read (earlier ones decide whether a clock was already running).
 */
export async function responseTimes(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  filters: FilterTerm[] = [],
  useClocks = false,
): Promise<ResponseTimes> {
  const therapist = filters.find((t) => t.dim === 'therapist')?.value;
  return useClocks
    ? fromClocks(db, practiceId, grouping, therapist)
    : fromMessages(db, practiceId, grouping, therapist);
}

/** A clock the whole period counts, with its conversation (the records behind a figure). */
export type CountedClock = Clock & { conversation: string };

/**
 * The clocks behind the whole period's response-time parts, read as `responseTimes` reads the
 * records (metrics/drilldown lists them): the same pairing, period and therapist filter.
 */
export async function countedClocks(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  filters: FilterTerm[] = [],
): Promise<CountedClock[]> {
  const therapist = filters.find((t) => t.dim === 'therapist')?.value;
  const out: CountedClock[] = [];
  await fromMessages(db, practiceId, grouping, therapist, out);
  return out;
}

async function fromMessages(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  therapist: string | undefined,
  counted?: CountedClock[],
): Promise<ResponseTimes> {
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  // Each column costs per row read: the client and therapist ids only when something uses them.
  const byTherapist =
    counted !== undefined ||
    therapist !== undefined ||
    (grouping.kind === 'dim' && grouping.dim === 'therapist');
  const byChannel =
    counted !== undefined || (grouping.kind === 'dim' && grouping.dim === 'channel');
  const { rows } = await sql<{
    conv: string;
    sender: string;
    at: number;
    client: string | null;
    therapist: string | null;
  }>`
    SELECT m.conversation_id AS conv, m.sender, m.sent_at AS at,
      ${byChannel ? sql`m.client_id` : sql`NULL`} AS client,
      ${byTherapist ? sql`m.therapist_id` : sql`NULL`} AS therapist
    FROM messages m
    WHERE m.practice_id = ${practiceId} AND m.conversation_id IN (
      SELECT conversation_id FROM messages WHERE practice_id = ${practiceId}
        AND sender = 'client' AND sent_at >= ${ms(start)} AND sent_at < ${ms(end)})
    ORDER BY m.conversation_id, m.sent_at, m.message_id`.execute(db);
  const channels = byChannel ? await fetchClientInfo(db, practiceId) : null;
  const parts: PartValues = new Map([[TOTAL, new Map()]]);
  const waits = new Map<string, number[]>([[TOTAL, []]]);
  const groupOf = (c: Clock): string | null => {
    if (grouping.kind === 'time') {
      const b = buckets.find((x) => c.openedAt >= x.start && c.openedAt < x.end);
      return b ? b.key : null;
    }
    if (grouping.kind === 'dim' && grouping.dim === 'therapist') return dimKey(c.therapist);
    if (grouping.kind === 'dim') return dimKey(channels?.get(c.client ?? '')?.channel);
    return null;
  };
  let conversation = '';
  const record = (c: Clock) => {
    if (c.openedAt < start || c.openedAt >= end) return;
    if (therapist !== undefined && dimKey(c.therapist) !== therapist) return;
    counted?.push({ ...c, conversation });
    const g = groupOf(c);
    for (const key of g === null ? [TOTAL] : [TOTAL, g]) {
      if (c.waitMs !== null) {
        addPart(parts, key, 'response_ms', c.waitMs);
        addPart(parts, key, 'response_pairs', 1);
        const list = waits.get(key);
        if (list) list.push(c.waitMs);
        else waits.set(key, [c.waitMs]);
      } else {
        addPart(parts, key, 'unanswered', 1);
      }
    }
  };
  const messages = rows.map((r) => ({ ...r, at: Number(r.at) }));
  for (const run of runsBy(messages, (m) => m.conv)) {
    conversation = run[0]?.conv ?? '';
    for (const c of clocksOf(run)) record(c);
  }
  return { parts, waits: summarise(waits) };
}

async function fromClocks(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  therapist: string | undefined,
): Promise<ResponseTimes> {
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  const byChannel = grouping.kind === 'dim' && grouping.dim === 'channel';
  const join = byChannel
    ? sql` LEFT JOIN clients c ON c.practice_id = k.practice_id AND c.client_id = k.client_id`
    : sql``;
  const g: RawBuilder<unknown> =
    grouping.kind === 'time'
      ? bucketIndex('k.opened_at', buckets)
      : grouping.kind === 'dim'
        ? byChannel
          ? sql`c.acquisition_channel`
          : sql`k.therapist_id`
        : sql`0`;
  const only =
    therapist === undefined ? sql`` : sql` AND ${matchesKey(sql`k.therapist_id`, therapist)}`;
  const where = sql`k.practice_id = ${practiceId} AND k.opened_at >= ${ms(start)}
    AND k.opened_at < ${ms(end)}${only}`;
  const keyOf = (v: unknown) =>
    grouping.kind === 'time'
      ? buckets[Number(v)]!.key
      : grouping.kind === 'dim'
        ? dimKey(v)
        : TOTAL;
  // One row per group: its waits as one list (sorted here), and its unanswered clocks.
  const { rows } = await sql<{ g: unknown; ws: string | null; open: number }>`
    SELECT ${g} AS g, ${listAgg(db, sql`k.wait_ms`)} AS ws,
      SUM(CASE WHEN k.wait_ms IS NULL THEN 1 ELSE 0 END) AS open
    FROM rollup_clocks k${join} WHERE ${where} GROUP BY g`.execute(db);
  const parts: PartValues = new Map([[TOTAL, new Map()]]);
  const lists = new Map<string, number[]>([[TOTAL, []]]);
  for (const r of rows) {
    const key = keyOf(r.g);
    const ws = parseList(r.ws);
    for (const k of key === TOTAL ? [TOTAL] : [TOTAL, key]) {
      addPart(
        parts,
        k,
        'response_ms',
        ws.reduce((x, y) => x + y, 0),
      );
      addPart(parts, k, 'response_pairs', ws.length);
      addPart(parts, k, 'unanswered', Number(r.open));
      const list = lists.get(k);
      if (!list) lists.set(k, ws);
      else for (const w of ws) list.push(w);
    }
  }
  return { parts, waits: summarise(lists) };
}

/** Sorts each group's waits and takes their count, median and 90th percentile. */
function summarise(lists: Map<string, number[]>): Map<string, WaitSummary> {
  const out = new Map<string, WaitSummary>();
  for (const [key, list] of lists) {
    const sorted = list.sort((a, b) => a - b);
    const [m, p] = QUANTILES.map((q) => quantileAt(sorted.length, q, (i) => sorted[i]!));
    out.set(key, { answered: sorted.length, medianMs: m ?? null, p90Ms: p ?? null });
  }
  return out;
}
