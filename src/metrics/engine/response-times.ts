import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, dimKey, type Grouping, type PartValues } from './grouping.js';
import { fetchClientInfo } from './client-info.js';
import type { FilterTerm } from './kpi-filter.js';
import { ms } from './sql-fragments.js';

interface Row {
  conv: string;
  sender: string;
  at: number;
  client: string | null;
  therapist: string | null;
}

/** Response-time parts and, per group, the individual waits (ms) for the median and p90. */
export interface ResponseTimes {
  parts: PartValues;
  waits: Map<string, number[]>;
}

/**
 * Pairs each clock-starting client message with the therapist's next message in the same
 * conversation. A clock starts at a client message when none is running (the first of a run of
 * client messages); the next therapist message stops it. Pairs and unanswered clocks belong to
 * the period of the starting message. Reads every message of the conversations that have a
 * client message in the period (earlier ones decide whether a clock was already running).
 * A therapist filter keeps the clocks it would group under that therapist (the replying
 * therapist, else the therapist named on the opening message).
 */
export async function responseTimes(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  filters: FilterTerm[] = [],
): Promise<ResponseTimes> {
  const therapist = filters.find((t) => t.dim === 'therapist')?.value;
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  // Each column costs per row read: the client and therapist ids only when something uses them.
  const byTherapist =
    therapist !== undefined || (grouping.kind === 'dim' && grouping.dim === 'therapist');
  const byChannel = grouping.kind === 'dim' && grouping.dim === 'channel';
  const { rows } = await sql<Row>`
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
  const groupOf = (open: Row, stop: Row | null): string | null => {
    if (grouping.kind === 'time') {
      const b = buckets.find((x) => open.at >= x.start && open.at < x.end);
      return b ? b.key : null;
    }
    if (grouping.kind === 'dim' && grouping.dim === 'therapist') {
      return dimKey(stop?.therapist ?? open.therapist);
    }
    if (grouping.kind === 'dim') return dimKey(channels?.get(open.client ?? '')?.channel);
    return null;
  };
  const record = (open: Row, stop: Row | null) => {
    if (open.at < start || open.at >= end) return;
    if (therapist !== undefined && dimKey(stop?.therapist ?? open.therapist) !== therapist) return;
    const groups = [TOTAL];
    const g = groupOf(open, stop);
    if (g !== null) groups.push(g);
    for (const key of groups) {
      if (stop) {
        const wait = Number(stop.at) - Number(open.at);
        addPart(parts, key, 'response_ms', wait);
        addPart(parts, key, 'response_pairs', 1);
        const list = waits.get(key);
        if (list) list.push(wait);
        else waits.set(key, [wait]);
      } else {
        addPart(parts, key, 'unanswered', 1);
      }
    }
  };
  let conv: string | null = null;
  let open: Row | null = null;
  for (const r of rows) {
    if (r.conv !== conv) {
      if (open) record(open, null);
      conv = r.conv;
      open = null;
    }
    if (r.sender === 'client') open ??= { ...r, at: Number(r.at) };
    else if (open) {
      record(open, { ...r, at: Number(r.at) });
      open = null;
    }
  }
  if (open) record(open, null);
  return { parts, waits };
}
