import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { fetchClientInfo } from '../engine/client-info.js';
import { ms } from '../engine/sql-fragments.js';
import { episodeOutcome, type EpisodeOutcome } from './episode-outcome.js';
import { episodesOf, type Episode, type OutcomeScore, type OutcomeSession } from './episodes-of.js';
import type { Instrument } from './instruments.js';

const DAY = 86_400_000;

/** An episode with its outcome. */
export interface ScoredEpisode {
  episode: Episode;
  outcome: EpisodeOutcome;
}

/**
 * The episodes that can matter for periods inside [start, end): those of every client with a
 * completed session in [start − W, end) — an episode whose latest score lies in the range has a
 * session no more than W before it, and coverage needs a session in the range —, built from
 * ALL of those clients' completed sessions and PHQ-9 / GAD-7 scores, so an episode is the same
 * whichever range it is read for. Two statements (sessions, scores) plus the clients' channels.
 */
export async function readEpisodes(
  db: Db,
  practice: Practice,
  start: number,
  end: number,
): Promise<ScoredEpisode[]> {
  const pid = practice.practice_id;
  const W = practice.active_window_days * DAY;
  const seen = sql`SELECT b.client_id FROM appointments b WHERE b.practice_id = ${pid}
    AND b.status = 'completed' AND b.scheduled_start >= ${ms(start - W)}
    AND b.scheduled_start < ${ms(end)}`;
  const [sessions, scores, info] = await Promise.all([
    sql<{ cid: string; at: number; therapist: string; service: string | null }>`
      SELECT a.client_id AS cid, a.scheduled_start AS at, a.therapist_id AS therapist,
        a.service AS service
      FROM appointments a
      WHERE a.practice_id = ${pid} AND a.status = 'completed' AND a.client_id IN (${seen})
      ORDER BY a.client_id, a.scheduled_start, a.appointment_id`.execute(db),
    sql<{ cid: string; at: number; instrument: Instrument; score: number }>`
      SELECT q.client_id AS cid, q.responded_at AS at, q.instrument AS instrument,
        q.score AS score
      FROM surveys q
      WHERE q.practice_id = ${pid} AND q.instrument IN ('phq9', 'gad7')
        AND q.client_id IN (${seen})
      ORDER BY q.client_id, q.responded_at, q.response_id`.execute(db),
    fetchClientInfo(db, pid),
  ]);
  const byClient = new Map<string, { s: OutcomeSession[]; q: OutcomeScore[] }>();
  const own = (cid: string) => {
    let c = byClient.get(cid);
    if (!c) byClient.set(cid, (c = { s: [], q: [] }));
    return c;
  };
  for (const r of sessions.rows) {
    own(r.cid).s.push({ at: Number(r.at), therapist: r.therapist, service: r.service });
  }
  for (const r of scores.rows) {
    own(r.cid).q.push({ at: Number(r.at), instrument: r.instrument, score: Number(r.score) });
  }
  const out: ScoredEpisode[] = [];
  for (const [cid, { s, q }] of byClient) {
    for (const episode of episodesOf(cid, info.get(cid)?.channel ?? null, s, q, W)) {
      out.push({ episode, outcome: episodeOutcome(episode) });
    }
  }
  return out;
}
