import type { Profile } from '../../model/practice.js';
import type { BandLabel, KpiId, Unit } from '../kpi-meta/kpi-meta.types.js';

export type KpiStatus = 'ok' | 'insufficient_data' | 'no_data';

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
  status: KpiStatus;
  reason?: string;
  /** Currency code of `value`, `numerator` for currency KPIs. */
  currency?: string;
  details?: Record<string, unknown>;
  /** Cohort KPIs: new clients of the period left out because their outcome is not settled yet. */
  maturing?: number;
}

export type KpiResults = Partial<Record<KpiId, KpiResult>>;

/** The document of `rapport kpi --json` (DESIGN.md). */
export interface KpiReport {
  period: { from: string; to: string; timezone: string };
  profile: Profile;
  kpis: KpiResults;
  groups?: { key: string; kpis: KpiResults }[];
}
