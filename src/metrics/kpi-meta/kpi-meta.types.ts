import type { Profile } from '../../model/practice.js';

/** The KPI ids of kpi-spec.md, in the spec's order. */
export const KPI_IDS = [
  'client_retention_rate',
  'cohort_retention_rate',
  'session_completion_rate',
  'client_satisfaction_score',
  'client_satisfaction_rate',
  'survey_response_rate',
  'therapist_response_time',
  'platform_usage_rate',
  'avg_wait_time_to_book',
  'therapist_utilization_rate',
  'avg_session_duration',
  'no_show_cancellation_rate',
  'new_client_acquisition_rate',
  'session_utilization_rate',
  'avg_session_rating',
  'avg_revenue_per_client',
  'therapist_cancellation_rate',
  'therapist_load',
  'rematch_rate',
  'second_session_return_rate',
  'first_match_retention_rate',
  'reliable_improvement_rate',
  'recovery_rate',
  'reliable_recovery_rate',
  'reliable_deterioration_rate',
  'phq9_response_rate',
  'phq9_remission_rate',
  'outcome_coverage_rate',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export type Direction = 'higher' | 'lower' | 'range';
export type Unit = 'percent' | 'hours' | 'minutes' | 'score' | 'currency';
export const BAND_LABELS = ['below_typical', 'typical', 'above_average', 'exceptional'] as const;
export type BandLabel = (typeof BAND_LABELS)[number];

/** One band: the value matches when it satisfies every bound given. Rules are tried in order. */
export interface BandRule {
  label: BandLabel;
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

export interface ProfileBands {
  /** Where the figures come from, e.g. "seed 001" or "our addition". */
  source: string;
  /** The period the benchmark is stated for, when the source names one (e.g. revenue per quarter). */
  period?: 'month' | 'quarter';
  note?: string;
  /** Tried in order; a value that matches none is `below_typical`. */
  rules: BandRule[];
}

/** The descriptive half of a catalog entry (the computing half lives in metrics/catalog). */
export interface KpiMeta {
  id: KpiId;
  name: string;
  unit: Unit;
  direction: Direction;
  /** For direction `range`: the healthy interval. */
  target?: { min: number; max: number };
  bands: Partial<Record<Profile, ProfileBands>>;
  help: {
    /** What the figure counts, in one line of a practice owner's words (shown on its card). */
    oneLine: string;
    /** What the two halves of the figure count, shown instead of "numerator" / "denominator". */
    counts: { numerator: string; denominator: string };
    /** How it differs from a look-alike KPI shown beside it (one line on the overview). */
    differs?: { from: KpiId; text: string };
    /** What it measures, one or two sentences. */
    measures: string;
    /** The exact formula in words. */
    formula: string;
    /** What it misses or can mislead about. */
    misses: string;
    /** What tends to move it, as short imperative levers. */
    levers: string[];
  };
  /** Care-quality KPIs shown beside this one on a dashboard. */
  counterparts: KpiId[];
  /** True for KPIs Rapport adds beyond the sources. */
  ourAddition: boolean;
  /** True for the guardrail measures (load, rematch, return, first match, deterioration). */
  guardrail: boolean;
}
