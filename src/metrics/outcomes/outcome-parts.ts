import type { Bucket } from '../periods/buckets.js';
import { TOTAL, addPart, dimKey, type Grouping, type PartValues } from '../engine/grouping.js';
import type { EpisodeOutcome } from './episode-outcome.js';
import type { OutcomeSession } from './episodes-of.js';
import type { ScoredEpisode } from './read-episodes.js';

/** The parts the `outcomes` special produces (catalog/specials.ts). */
export const OUTCOME_OUTPUTS = [
  'with_outcome',
  'improved',
  'deteriorated',
  'caseness',
  'recovered',
  'reliably_recovered',
  'phq9_caseness',
  'phq9_response',
  'phq9_remission',
  'eligible',
  'covered',
  'uncovered_no_scores',
  'uncovered_one_score',
] as const;

/** Which episodes count: those attributed to this therapist / service / channel. */
export interface OutcomeScope {
  therapist?: string;
  service?: string;
  channel?: string;
}

/** Where an episode is attributed: the session it is judged by, and the client's channel. */
function valueOf(dim: 'therapist' | 'service' | 'channel', s: OutcomeSession, ch: string | null) {
  return dim === 'channel' ? dimKey(ch) : dimKey(dim === 'therapist' ? s.therapist : s.service);
}

export const passes = (scope: OutcomeScope, s: OutcomeSession, ch: string | null) =>
  (scope.therapist === undefined || valueOf('therapist', s, ch) === scope.therapist) &&
  (scope.service === undefined || valueOf('service', s, ch) === scope.service) &&
  (scope.channel === undefined || valueOf('channel', s, ch) === scope.channel);

/** The last of (time-ordered) sessions in [lo, hi), or undefined. */
export function lastIn(sessions: readonly OutcomeSession[], lo: number, hi: number) {
  for (let i = sessions.length - 1; i >= 0; i--) {
    const at = sessions[i]!.at;
    if (at < hi) return at >= lo ? sessions[i] : undefined;
  }
  return undefined;
}

/**
 * The session an episode's outcome is attributed by when its latest score lies in [start, end)
 * and the attribution matches the scope: its last completed session at or before that score.
 */
export function ratedIn(e: ScoredEpisode, start: number, end: number, scope: OutcomeScope = {}) {
  const at = e.outcome.latestAt;
  if (at === null || at < start || at >= end) return undefined;
  const ref = lastIn(e.episode.sessions, -Infinity, at + 1)!;
  return passes(scope, ref, e.episode.channel) ? ref : undefined;
}

/** The rate parts an episode with an outcome counts in, and whether it counts in each. */
export function outcomeFlags(o: EpisodeOutcome): [string, boolean][] {
  return [
    ['with_outcome', true],
    ['improved', o.improved],
    ['deteriorated', o.deteriorated],
    ['caseness', o.caseness],
    ['recovered', o.recovered],
    ['reliably_recovered', o.reliablyRecovered],
    ['phq9_caseness', o.phq9Caseness],
    ['phq9_response', o.phq9Response],
    ['phq9_remission', o.phq9Remission],
  ];
}

const bucketOf = (buckets: readonly Bucket[], at: number) =>
  buckets.find((b) => at >= b.start && at < b.end);

/**
 * The outcome parts per group (kpi-spec "Outcomes"). The rates: an episode with an outcome
 * counts in the period holding its latest score and is attributed to the therapist / service
 * of its last completed session at or before that score (by channel: the client's acquisition
 * channel). Coverage: an episode with ≥ 2 completed sessions counts in every period in which it
 * has a completed session, attributed by its last completed session in that period. The whole
 * (TOTAL) counts every episode once whatever the grouping; under a scope an episode counts only
 * where its attribution matches.
 */
export function outcomeParts(
  episodes: readonly ScoredEpisode[],
  grouping: Grouping,
  scope: OutcomeScope = {},
): PartValues {
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  if (grouping.kind === 'time') for (const b of buckets) out.set(b.key, new Map());
  const groupOf = (s: OutcomeSession, ch: string | null, at: number): string | undefined =>
    grouping.kind === 'dim'
      ? valueOf(grouping.dim, s, ch)
      : grouping.kind === 'time'
        ? bucketOf(buckets, at)?.key
        : undefined;
  for (const e of episodes) {
    const { episode: ep, outcome: o } = e;
    const ch = ep.channel;
    {
      const ref = ratedIn(e, start, end, scope);
      if (ref && o.latestAt !== null) {
        const flags = outcomeFlags(o);
        const g = groupOf(ref, ch, o.latestAt);
        for (const [part, on] of flags) {
          if (!on) continue;
          addPart(out, TOTAL, part, 1);
          if (g !== undefined) addPart(out, g, part, 1);
        }
      }
    }
    if (!o.eligible) continue;
    const cover = (group: string, lo: number, hi: number) => {
      const ref = lastIn(ep.sessions, lo, hi);
      if (!ref || !passes(scope, ref, ch)) return;
      const key =
        grouping.kind === 'dim' && group !== TOTAL ? valueOf(grouping.dim, ref, ch) : group;
      addPart(out, key, 'eligible', 1);
      if (o.latestAt !== null) addPart(out, key, 'covered', 1);
      else addPart(out, key, `uncovered_${o.missing}`, 1);
    };
    cover(TOTAL, start, end);
    if (grouping.kind === 'time') for (const b of buckets) cover(b.key, b.start, b.end);
    else if (grouping.kind === 'dim') cover('', start, end);
  }
  return out;
}
