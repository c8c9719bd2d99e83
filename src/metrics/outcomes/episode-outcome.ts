import type { Episode, OutcomeScore } from './episodes-of.js';
import { INSTRUMENTS, RULES, type Instrument } from './instruments.js';

/** One instrument's paired scores in an episode. */
export interface Paired {
  baseline: number;
  latest: number;
  latestAt: number;
}

/** What an episode contributes to the outcome KPIs. */
export interface EpisodeOutcome {
  /** Per instrument with an outcome, its baseline and latest score. */
  paired: Partial<Record<Instrument, Paired>>;
  /** The instant of the latest score among the paired instruments; null: no outcome. */
  latestAt: number | null;
  improved: boolean;
  deteriorated: boolean;
  caseness: boolean;
  recovered: boolean;
  reliablyRecovered: boolean;
  phq9Caseness: boolean;
  phq9Response: boolean;
  phq9Remission: boolean;
  /** At least two completed sessions: the episode is eligible for coverage. */
  eligible: boolean;
  /** Why an eligible episode has no outcome: no score at all, or too few that count. */
  missing: 'no_scores' | 'one_score' | null;
}

/**
 * An instrument's baseline and latest score in an episode, or null with fewer than two that
 * count. Baseline = the episode's first score of it (it may lie up to 14 days before the first
 * session); latest = its last score at or after the first session, other than the baseline. A
 * second score before the first session is not a change during care: it never counts as latest.
 */
export function pairOf(scores: readonly OutcomeScore[], firstSessionAt: number): Paired | null {
  const [base, ...rest] = scores;
  if (!base) return null;
  let latest: OutcomeScore | undefined;
  for (const q of rest) if (q.at >= firstSessionAt) latest = q;
  return latest ? { baseline: base.score, latest: latest.score, latestAt: latest.at } : null;
}

/**
 * The outcome of an episode (kpi-spec "Outcomes"), per instrument with an outcome: reliable
 * decrease / increase (PHQ-9 ≥ 6, GAD-7 ≥ 4 points), caseness at baseline (PHQ-9 ≥ 10, GAD-7
 * ≥ 8). Decisions: improved = a reliable decrease on one paired instrument and a reliable
 * increase on none (deteriorated the mirror); at caseness = at caseness on at least one paired
 * instrument; recovered = at caseness and below caseness at the latest score on EVERY paired
 * instrument, also one that was not at caseness at baseline; response = PHQ-9 latest ≤ half the
 * baseline; remission = PHQ-9 latest < 5. Fewer than two completed sessions: no outcome.
 */
export function episodeOutcome(ep: Episode): EpisodeOutcome {
  const eligible = ep.sessions.length >= 2;
  const paired: Partial<Record<Instrument, Paired>> = {};
  if (eligible) {
    for (const i of INSTRUMENTS) {
      const p = pairOf(
        ep.scores.filter((q) => q.instrument === i),
        ep.sessions[0]!.at,
      );
      if (p) paired[i] = p;
    }
  }
  const list = INSTRUMENTS.flatMap((i) => (paired[i] ? [[i, paired[i]] as const] : []));
  const down = list.some(([i, p]) => p.baseline - p.latest >= RULES[i].reliableChange);
  const up = list.some(([i, p]) => p.latest - p.baseline >= RULES[i].reliableChange);
  const caseness = list.some(([i, p]) => p.baseline >= RULES[i].caseness);
  const recovered = caseness && list.every(([i, p]) => p.latest < RULES[i].caseness);
  const improved = down && !up;
  const phq = paired.phq9;
  const phq9Caseness = phq !== undefined && phq.baseline >= RULES.phq9.caseness;
  const latestAt = list.length > 0 ? Math.max(...list.map(([, p]) => p.latestAt)) : null;
  return {
    paired,
    latestAt,
    improved,
    deteriorated: up && !down,
    caseness,
    recovered,
    reliablyRecovered: recovered && improved,
    phq9Caseness,
    phq9Response: phq9Caseness && phq.latest * 2 <= phq.baseline,
    phq9Remission: phq9Caseness && phq.latest < 5,
    eligible,
    missing:
      !eligible || latestAt !== null ? null : ep.scores.length === 0 ? 'no_scores' : 'one_score',
  };
}
