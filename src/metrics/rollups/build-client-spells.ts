import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { insertRollupRows } from '../../store/rollup.repository.js';
import { firstMatchRetained } from '../engine/first-match-retention.js';
import { dimKey } from '../engine/grouping.js';
import { DAY } from './local-day.js';
import { readInChunks, runsBy } from './read-in-chunks.js';
import { chunksOf, inList } from './rollup-scope.js';

/** A second completed session within this long after the first counts as a return. */
export const RETURN_WINDOW_MS = 30 * DAY;

interface Session {
  cid: string;
  at: number;
  therapist: string;
  service: string | null;
  discharged: number | null;
  /** The client's intake date; null when the client has no record. */
  created: number | null;
}

/** A completed session as attribution sees it. */
interface Attributed {
  at: number;
  therapist: string;
  service: string | null;
}

/**
 * Among the sessions from index `i` on that share the instant of session i: the therapist and
 * the service that attribute the client there — each the smallest group key (dimKey) of its
 * dimension, as engine/client-sets.ts breaks ties — and the index after them.
 */
function atInstant(sessions: readonly Attributed[], i: number) {
  const at = sessions[i]!.at;
  let { therapist, service } = sessions[i]!;
  let j = i + 1;
  for (; j < sessions.length && sessions[j]!.at === at; j++) {
    const s = sessions[j]!;
    if (dimKey(s.therapist) < dimKey(therapist)) therapist = s.therapist;
    if (dimKey(s.service) < dimKey(service)) service = s.service;
  }
  return { therapist, service, next: j };
}

/**
 * A client's active spells cut into runs of one attribution (sessions in time order): over the
 * run (from, to] the client is active and its last completed session before the instant has
 * the run's therapist and service (kpi-spec, "Client-set KPIs per group"). The client is active
 * at t when a session lies in [t − W, t), i.e. t in (s, s + W] for some session s; touching
 * runs of one attribution are merged, so with one therapist and service the runs are the
 * client's spells of activity.
 */
export function runsOf(
  sessions: readonly Attributed[],
  windowMs: number,
): [number, number, string, string | null][] {
  const out: [number, number, string, string | null][] = [];
  for (let i = 0; i < sessions.length;) {
    const at = sessions[i]!.at;
    const { therapist, service, next } = atInstant(sessions, i);
    const to = Math.min(next < sessions.length ? sessions[next]!.at : Infinity, at + windowMs);
    const last = out[out.length - 1];
    if (last && last[1] === at && last[2] === therapist && last[3] === service) last[1] = to;
    else out.push([at, to, therapist, service]);
    i = next;
  }
  return out;
}

/** First session, and whether the client returned within 30 days / changed therapist by the 3rd. */
export function firstsOf(sessions: readonly { at: number; therapist: string }[]) {
  const [s1, s2, s3] = sessions;
  if (!s1) return null;
  return {
    firstAt: s1.at,
    returned: s2 !== undefined && s2.at - s1.at < RETURN_WINDOW_MS,
    rematched:
      (s2 !== undefined && s2.therapist !== s1.therapist) ||
      (s3 !== undefined && s3.therapist !== s1.therapist),
  };
}

/**
 * Fills rollup_client_spells and rollup_client_firsts from every client's completed sessions,
 * read in client order a page at a time. A client is new at its first session, or with
 * `new_client_by: created_at` at its intake date (a client without a record falls back to its
 * first session); then the clients with an intake date and no completed session are added too,
 * new but with no first session (first_at null, every flag 0). With `clients` (an incremental
 * refresh) only those clients are read, by the same statements.
 */
export async function buildClientSpells(
  db: Db,
  practice: Practice,
  clients?: string[],
): Promise<number> {
  let written = 0;
  for (const chunk of clients ? chunksOf(clients) : [null]) {
    written += await buildSome(db, practice, chunk);
  }
  return written;
}

/** buildClientSpells for the clients of `chunk` (every client: null). */
async function buildSome(db: Db, practice: Practice, chunk: string[] | null): Promise<number> {
  const only = (column: string) => (chunk ? sql` AND ${inList(column, chunk)}` : sql``);
  const pid = practice.practice_id;
  const W = practice.active_window_days * DAY;
  const byIntake = practice.new_client_by === 'created_at';
  const FIRSTS = [
    'practice_id',
    'client_id',
    'new_at',
    'first_at',
    'returned',
    'rematched',
    'first_match_retained',
    'first_therapist',
    'first_service',
  ] as const;
  let written = 0;
  await readInChunks<Session>(
    async (after, limit) => {
      const { rows } = await sql<Session>`
        SELECT a.client_id AS cid, a.scheduled_start AS at, a.therapist_id AS therapist,
          a.service AS service, c.discharged_at AS discharged, c.created_at AS created
        FROM appointments a
        LEFT JOIN clients c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
        WHERE a.practice_id = ${pid} AND a.status = 'completed'${only('a.client_id')}${after === null ? sql`` : sql` AND a.client_id > ${after}`}
        ORDER BY a.client_id, a.scheduled_start, a.appointment_id
        LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({
        ...r,
        at: Number(r.at),
        discharged: r.discharged === null ? null : Number(r.discharged),
        created: r.created === null ? null : Number(r.created),
      }));
    },
    (s) => s.cid,
    async (rows) => {
      const spells: (string | number | null)[][] = [];
      const firsts: (string | number | null)[][] = [];
      for (const own of runsBy(rows, (s) => s.cid)) {
        const { cid, discharged, created } = own[0]!;
        for (const [a, b, therapist, service] of runsOf(own, W)) {
          spells.push([pid, cid, a, b, discharged, therapist, service]);
        }
        const f = firstsOf(own)!;
        const intake = byIntake && created !== null;
        const newAt = intake ? created : f.firstAt;
        const kept = firstMatchRetained(own) ? 1 : 0;
        // New by intake date: attributed by its first session in (start, appointment) order,
        // else by the first instant's smallest keys (engine/client-sets.ts does the same).
        const by = intake ? own[0]! : atInstant(own, 0);
        firsts.push([
          pid,
          cid,
          newAt,
          f.firstAt,
          f.returned ? 1 : 0,
          f.rematched ? 1 : 0,
          kept,
          by.therapist,
          by.service,
        ]);
      }
      await insertRollupRows(
        db,
        'rollup_client_spells',
        [
          'practice_id',
          'client_id',
          'active_from',
          'active_to',
          'discharged_at',
          'therapist_id',
          'service',
        ],
        spells,
      );
      await insertRollupRows(db, 'rollup_client_firsts', FIRSTS, firsts);
      written += spells.length + firsts.length;
    },
  );
  if (!byIntake) return written;
  await readInChunks<{ cid: string; created: number }>(
    async (after, limit) => {
      const { rows } = await sql<{ cid: string; created: number }>`
        SELECT c.client_id AS cid, c.created_at AS created FROM clients c
        WHERE c.practice_id = ${pid}${only('c.client_id')}${after === null ? sql`` : sql` AND c.client_id > ${after}`}
          AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.practice_id = c.practice_id
            AND a.client_id = c.client_id AND a.status = 'completed')
        ORDER BY c.client_id
        LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ cid: r.cid, created: Number(r.created) }));
    },
    (c) => c.cid,
    async (rows) => {
      const firsts = rows.map((c) => [pid, c.cid, c.created, null, 0, 0, 0, null, null]);
      await insertRollupRows(db, 'rollup_client_firsts', FIRSTS, firsts);
      written += firsts.length;
    },
  );
  return written;
}
