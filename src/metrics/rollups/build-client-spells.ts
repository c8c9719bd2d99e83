import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { insertRollupRows } from '../../store/rollup.repository.js';
import { DAY } from './local-day.js';
import { readInChunks, runsBy } from './read-in-chunks.js';

/** A second completed session within this long after the first counts as a return. */
export const RETURN_WINDOW_MS = 30 * DAY;

interface Session {
  cid: string;
  at: number;
  therapist: string;
  discharged: number | null;
}

/**
 * A client's active spells from its completed sessions (in time order): the client is active at
 * t when a session lies in [t − W, t), i.e. t in (s, s + W] for some session s; overlapping or
 * touching intervals are merged, so each spell is (from, to].
 */
export function spellsOf(starts: readonly number[], windowMs: number): [number, number][] {
  const out: [number, number][] = [];
  for (const s of starts) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], s + windowMs);
    else out.push([s, s + windowMs]);
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
 * read in client order a page at a time.
 */
export async function buildClientSpells(db: Db, practice: Practice): Promise<number> {
  const pid = practice.practice_id;
  const W = practice.active_window_days * DAY;
  let written = 0;
  await readInChunks<Session>(
    async (after, limit) => {
      const { rows } = await sql<Session>`
        SELECT a.client_id AS cid, a.scheduled_start AS at, a.therapist_id AS therapist,
          c.discharged_at AS discharged
        FROM appointments a
        LEFT JOIN clients c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
        WHERE a.practice_id = ${pid} AND a.status = 'completed'${after === null ? sql`` : sql` AND a.client_id > ${after}`}
        ORDER BY a.client_id, a.scheduled_start, a.appointment_id
        LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({
        ...r,
        at: Number(r.at),
        discharged: r.discharged === null ? null : Number(r.discharged),
      }));
    },
    (s) => s.cid,
    async (rows) => {
      const spells: (string | number | null)[][] = [];
      const firsts: (string | number)[][] = [];
      for (const own of runsBy(rows, (s) => s.cid)) {
        const { cid, discharged } = own[0]!;
        for (const [a, b] of spellsOf(
          own.map((s) => s.at),
          W,
        )) {
          spells.push([pid, cid, a, b, discharged]);
        }
        const f = firstsOf(own)!;
        firsts.push([pid, cid, f.firstAt, f.returned ? 1 : 0, f.rematched ? 1 : 0]);
      }
      await insertRollupRows(
        db,
        'rollup_client_spells',
        ['practice_id', 'client_id', 'active_from', 'active_to', 'discharged_at'],
        spells,
      );
      await insertRollupRows(
        db,
        'rollup_client_firsts',
        ['practice_id', 'client_id', 'first_at', 'returned', 'rematched'],
        firsts,
      );
      written += spells.length + firsts.length;
    },
  );
  return written;
}
