import type { KpiResult } from '../api/api-types';
import {
  MIN_EPISODES,
  OUTCOME_KPI_IDS,
  OUTCOME_TREND_IDS,
  type OutcomeKpiId,
} from '../../../src/metrics/kpi-meta/outcome-kpi-ids';

// The seven outcome KPIs and the small-cell threshold have one definition, the server's.
export { MIN_EPISODES, OUTCOME_KPI_IDS, OUTCOME_TREND_IDS, type OutcomeKpiId };

const OUTCOME_SET = new Set<string>(OUTCOME_KPI_IDS);

export const isOutcomeKpi = (id: string): boolean => OUTCOME_SET.has(id);

/** What a suppressed figure reads as, everywhere: never a number, never a count. */
export const FEWER_THAN_5 = `Fewer than ${MIN_EPISODES} episodes`;

/**
 * True for a group of 1–4 episodes, which the server answers without a figure (small-cell
 * suppression), so that nobody can work out one client's outcome from it.
 */
export const isSuppressed = (r: { status?: string } | null | undefined): boolean =>
  r?.status === 'suppressed';

/** Why a suppressed figure is not shown, in one line. */
export const SUPPRESSED_REASON =
  'Fewer than 5 episodes in this group: no figure is shown, so no client can be recognised in it.';

/** The two instruments, as people name them. */
export const INSTRUMENT_TEXT = { phq9: 'PHQ-9 (depression)', gad7: 'GAD-7 (anxiety)' } as const;

/** Points of change the spec counts as reliable, per instrument. */
export const RELIABLE_CHANGE = { phq9: 6, gad7: 4 } as const;

/** The severity bands of a baseline score, in words (PHQ-9 0–4 … 20–27; GAD-7 0–4 … 15–21). */
export const SEVERITY_TEXT: Record<string, string> = {
  minimal: 'Minimal',
  mild: 'Mild',
  moderate: 'Moderate',
  moderately_severe: 'Moderately severe',
  severe: 'Severe',
};

/** Why an episode has no outcome, in words, for the reasons the server names. */
export const MISSING_TEXT: Record<string, string> = {
  no_scores: 'No score at all',
  one_score: 'Scores, but fewer than 2 of each instrument that count',
};

export const missingText = (key: string) =>
  MISSING_TEXT[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

/** One outcome KPI's result out of the seven by id (`kpis`, `practice_kpis`), if present. */
export function resultOf(
  kpis: Partial<Record<string, KpiResult>> | undefined,
  id: string,
): KpiResult | undefined {
  return kpis?.[id];
}
