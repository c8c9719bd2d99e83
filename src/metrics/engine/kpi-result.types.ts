import type { Profile } from '../../model/practice.js';
import type { BandLabel, KpiId, Unit } from '../kpi-meta/kpi-meta.types.js';

/**
 * `no_source`: the store holds no record at all of the entity the KPI is built from (no activity
 * events, surveys, ...): nothing was measured, which is not a zero. `suppressed`: an outcome
 * figure resting on 1–4 episodes (small-cell suppression, kpi-spec "Outcomes"): value, counts and
 * interval are null and the reason says "fewer than 5 episodes"; every consumer treats it like
 * insufficient_data (no band, no alert, not enough data for a target).
 */
export type KpiStatus = 'ok' | 'insufficient_data' | 'no_data' | 'no_source' | 'suppressed';

/** One KPI's figure with everything needed to judge it. */
export interface KpiResult {
  value: number | null;
  unit: Unit;
  /** The numerator (or the sum of a mean) in the KPI's unit; null when not defined here. */
  numerator: number | null;
  /** The denominator (or the count of a mean). */
  denominator: number | null;
  n: number;
  /** 95% Wilson score interval, in the value's unit (percent), for proportions only. */
  ci: [number, number] | null;
  band: BandLabel | null;
  /**
   * Why `band` is null although the profile has a benchmark, e.g. "benchmark stated per quarter"
   * for a month: the benchmark holds only for the period length its source stated.
   */
  bandNote?: string;
  status: KpiStatus;
  reason?: string;
  /** New clients left out because their cohort has not matured yet (kpi-spec: maturing). */
  maturing?: number;
  /** Currency code of `value`, `numerator` for currency KPIs. */
  currency?: string;
  details?: Record<string, unknown>;
}

export type KpiResults = Partial<Record<KpiId, KpiResult>>;

/** The document of `rapport kpi --json` (DESIGN.md). */
export interface KpiReport {
  period: { from: string; to: string; timezone: string };
  profile: Profile;
  kpis: KpiResults;
  groups?: { key: string; kpis: KpiResults }[];
}
