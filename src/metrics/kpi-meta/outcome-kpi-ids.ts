/**
 * The outcome KPIs of kpi-spec.md ("Outcomes: measurement-based care"), in the spec's order,
 * all computed by the `outcomes` special (metrics/outcomes). first_match_retention_rate sits in
 * the same spec section but is a client-set KPI and is not one of them.
 */
export const OUTCOME_KPI_IDS = [
  'reliable_improvement_rate',
  'recovery_rate',
  'reliable_recovery_rate',
  'reliable_deterioration_rate',
  'phq9_response_rate',
  'phq9_remission_rate',
  'outcome_coverage_rate',
] as const;
export type OutcomeKpiId = (typeof OUTCOME_KPI_IDS)[number];

/** The outcome KPIs the trend of GET /api/v1/outcomes carries per month. */
export const OUTCOME_TREND_IDS = [
  'reliable_improvement_rate',
  'recovery_rate',
  'reliable_deterioration_rate',
  'outcome_coverage_rate',
] as const satisfies readonly OutcomeKpiId[];

/** Fewer episodes than this in a group: no figure and no counts (small-cell suppression). */
export const MIN_EPISODES = 5;
