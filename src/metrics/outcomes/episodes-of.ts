import type { Instrument } from './instruments.js';
import { BASELINE_LEAD_MS } from './instruments.js';

/** A completed session, as episodes need it. */
export interface OutcomeSession {
  at: number;
  therapist: string;
  service: string | null;
}

/** One PHQ-9 or GAD-7 score. */
export interface OutcomeScore {
  at: number;
  instrument: Instrument;
  score: number;
}

/** A client's episode of care: its completed sessions and the scores that belong to it. */
export interface Episode {
  clientId: string;
  channel: string | null;
  sessions: OutcomeSession[];
  scores: OutcomeScore[];
}

/**
 * A client's episodes from its completed sessions and scores, both in time order (ties in a
 * fixed order: sessions by appointment id, scores by response id). Sessions split into episodes
 * like the client-set spells (rollups/build-client-spells.ts `runsOf`): a session more than
 * the active window W after the previous one starts a new episode. A score belongs to the first
 * episode whose span [first session − 14 days, last session + W] holds it (a follow-up score
 * while the client still counts as active belongs to the episode it follows; a score in no span
 * belongs to none). Discharge does not cut an episode: sessions alone define it.
 */
export function episodesOf(
  clientId: string,
  channel: string | null,
  sessions: readonly OutcomeSession[],
  scores: readonly OutcomeScore[],
  windowMs: number,
): Episode[] {
  const out: Episode[] = [];
  for (const s of sessions) {
    const last = out[out.length - 1];
    const prev = last?.sessions[last.sessions.length - 1];
    if (last && prev && s.at <= prev.at + windowMs) last.sessions.push(s);
    else out.push({ clientId, channel, sessions: [s], scores: [] });
  }
  let e = 0;
  for (const q of scores) {
    // Spans are in time order and scores too: skip the episodes that ended before this score.
    while (e < out.length && q.at > out[e]!.sessions[out[e]!.sessions.length - 1]!.at + windowMs) {
      e++;
    }
    const ep = out[e];
    if (ep && q.at >= ep.sessions[0]!.at - BASELINE_LEAD_MS) ep.scores.push(q);
  }
  return out;
}
