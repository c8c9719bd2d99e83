import { localMonthOf } from '../periods/local-months.js';
import type { EpisodeOutcome } from './episode-outcome.js';
import { lastIn, outcomeFlags, ratedIn } from './outcome-parts.js';
import type { ScoredEpisode } from './read-episodes.js';

/** The flag parts as stored in rollup_episodes, in this order. */
export const FLAG_PARTS = [
  'improved',
  'deteriorated',
  'caseness',
  'recovered',
  'reliably_recovered',
  'phq9_caseness',
  'phq9_response',
  'phq9_remission',
] as const;

/** An episode with an outcome, as rollup_episodes keeps it. */
export interface RatedRow {
  clientId: string;
  startedAt: number;
  latestAt: number;
  therapist: string;
  service: string | null;
  channel: string | null;
  flags: Record<(typeof FLAG_PARTS)[number], boolean>;
  phq9: { baseline: number; latest: number } | null;
  gad7: { baseline: number; latest: number } | null;
}

/** An eligible episode in one local month with a completed session of it (rollup_episode_months). */
export interface MonthRow {
  clientId: string;
  startedAt: number;
  /** The month's last session, by which the episode is attributed for the month. */
  lastAt: number;
  therapist: string;
  service: string | null;
  /** The episode's first session after the month, or null. */
  nextAt: number | null;
  channel: string | null;
  covered: boolean;
  missing: 'no_scores' | 'one_score' | null;
}

/**
 * The rollup rows of one episode, by the rules of outcome-parts.ts itself: its rating (when it
 * has an outcome) attributed by `ratedIn` over all time, and for coverage (when eligible) one
 * row per local month of `zone` holding a session, attributed by `lastIn` over that month. A
 * range of whole months then counts the episode by the row of its last month in the range.
 */
export function episodeRows(
  e: ScoredEpisode,
  zone: string,
): { rated: RatedRow | null; months: MonthRow[] } {
  const { episode: ep, outcome: o } = e;
  const startedAt = ep.sessions[0]!.at;
  let rated: RatedRow | null = null;
  const ref = ratedIn(e, -Infinity, Infinity);
  if (ref && o.latestAt !== null) {
    const on = new Map(outcomeFlags(o));
    const pair = (p: EpisodeOutcome['paired']['phq9']) =>
      p ? { baseline: p.baseline, latest: p.latest } : null;
    rated = {
      clientId: ep.clientId,
      startedAt,
      latestAt: o.latestAt,
      therapist: ref.therapist,
      service: ref.service,
      channel: ep.channel,
      flags: Object.fromEntries(
        FLAG_PARTS.map((f) => [f, on.get(f) === true]),
      ) as RatedRow['flags'],
      phq9: pair(o.paired.phq9),
      gad7: pair(o.paired.gad7),
    };
  }
  const months: MonthRow[] = [];
  if (o.eligible) {
    let i = 0;
    while (i < ep.sessions.length) {
      const [lo, hi] = localMonthOf(ep.sessions[i]!.at, zone);
      const last = lastIn(ep.sessions, lo, hi)!;
      while (i < ep.sessions.length && ep.sessions[i]!.at < hi) i++;
      months.push({
        clientId: ep.clientId,
        startedAt,
        lastAt: last.at,
        therapist: last.therapist,
        service: last.service,
        nextAt: i < ep.sessions.length ? ep.sessions[i]!.at : null,
        channel: ep.channel,
        covered: o.latestAt !== null,
        missing: o.missing,
      });
    }
  }
  return { rated, months };
}
