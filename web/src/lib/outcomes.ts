import type { KpiId, KpiResult } from '../api/api-types';

/** The seven outcome KPIs of kpi-spec.md ("Outcomes: measurement-based care"), in its order. */
export const OUTCOME_KPI_IDS = [
  'reliable_improvement_rate',
  'recovery_rate',
  'reliable_recovery_rate',
  'reliable_deterioration_rate',
  'phq9_response_rate',
  'phq9_remission_rate',
  'outcome_coverage_rate',
] as const satisfies readonly KpiId[];

export type OutcomeKpiId = (typeof OUTCOME_KPI_IDS)[number];

const OUTCOME_SET = new Set<string>(OUTCOME_KPI_IDS);

export const isOutcomeKpi = (id: string): boolean => OUTCOME_SET.has(id);

/** What a suppressed figure reads as, everywhere: never a number, never a count. */
export const FEWER_THAN_5 = 'Fewer than 5 episodes';

/**
 * True for a group of 1–4 episodes, which the server answers without a figure (small-cell
 * suppression), so that nobody can work out one client's outcome from it.
 */
export const isSuppressed = (r: { status?: string } | null | undefined): boolean =>
  r?.status === 'suppressed';

/** Why a suppressed figure is not shown, in one line. */
export const SUPPRESSED_REASON =
  'Fewer than 5 episodes in this group: no figure is shown, so no client can be recognised in it.';

export type { KpiResult };

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
  one_score: 'Only one score of each instrument',
  baseline_too_early_or_missing: 'No baseline in time (first score too late or too early)',
  baseline_missing: 'No baseline score in time',
  baseline_too_early: 'First score more than 14 days before the first session',
  no_baseline: 'No baseline score in time',
  one_session: 'Fewer than 2 completed sessions',
};

export const missingText = (key: string) =>
  MISSING_TEXT[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

/**
 * One outcome KPI's result out of a list (each entry naming its `id` or `kpi`) or a map by id:
 * the API answers the seven as a list, `/kpis` as a map.
 */
export function resultOf(kpis: unknown, id: string): KpiResult | undefined {
  if (!kpis) return undefined;
  if (Array.isArray(kpis)) {
    return (kpis as (KpiResult & { id?: string; kpi?: string; kpi_id?: string })[]).find(
      (r) => (r.id ?? r.kpi ?? r.kpi_id) === id,
    );
  }
  return (kpis as Record<string, KpiResult | undefined>)[id];
}
