import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { ms } from './sql-fragments.js';

const DAY = 86_400_000;

/** The first-match window: from a new client's first completed session, 90 days (half-open). */
export const FIRST_MATCH_WINDOW_MS = 90 * DAY;
/** The completed sessions a client needs inside that window to count as retained. */
export const FIRST_MATCH_SESSIONS = 4;

/**
 * Whether a new client stayed with its first match (first_match_retention_rate): at least four
 * completed sessions in [first, first + 90 days), every one of them with the therapist of the
 * first. `sessions` are its completed sessions in time order from its first ever (ties ordered
 * by appointment id); those after the window are ignored.
 */
export function firstMatchRetained(
  sessions: readonly { at: number; therapist: string }[],
): boolean {
  const [s1] = sessions;
  if (!s1) return false;
  let n = 0;
  for (const s of sessions) {
    if (s.at - s1.at >= FIRST_MATCH_WINDOW_MS) break;
    if (s.therapist !== s1.therapist) return false;
    n++;
  }
  return n >= FIRST_MATCH_SESSIONS;
}

/** Clients per query (bound parameters stay far below every limit). */
const CHUNK = 2000;

/**
 * Each given client's completed sessions inside its first-match window, in time order: what
 * firstMatchRetained needs, read for the clients of one period only.
 */
export async function firstMatchSessions(db: Db, pid: string, clientIds: string[]) {
  const out = new Map<string, { at: number; therapist: string }[]>();
  for (let i = 0; i < clientIds.length; i += CHUNK) {
    const ids = clientIds.slice(i, i + CHUNK);
    const { rows } = await sql<{ cid: string; therapist: string; at: number }>`
      SELECT x.cid, x.therapist, x.at FROM (
        SELECT a.client_id AS cid, a.therapist_id AS therapist, a.scheduled_start AS at,
          a.appointment_id AS aid, MIN(a.scheduled_start) OVER (PARTITION BY a.client_id) AS s1
        FROM appointments a
        WHERE a.practice_id = ${pid} AND a.status = 'completed'
          AND a.client_id IN (${sql.join(ids.map((id) => sql`${id}`))})
      ) x WHERE x.at < x.s1 + ${ms(FIRST_MATCH_WINDOW_MS)}
      ORDER BY x.cid, x.at, x.aid`.execute(db);
    for (const r of rows) {
      const list = out.get(r.cid) ?? [];
      list.push({ at: Number(r.at), therapist: r.therapist });
      out.set(r.cid, list);
    }
  }
  return out;
}
