import type { Profile } from '../../model/practice.js';
import type { KpiResult } from '../engine/kpi-result.types.js';
import type { OutcomeKpiId, OUTCOME_TREND_IDS } from '../kpi-meta/outcome-kpi-ids.js';
import type { Instrument, SeverityBand } from './instruments.js';
import type { OutcomeScope } from './outcome-parts.js';

/** The document of GET /api/v1/outcomes (server/schemas/outcomes.schema.ts says what each field means). */
export interface OutcomesReport {
  practice: string;
  from: string;
  to: string;
  timezone: string;
  profile: Profile;
  scope: OutcomeScope;
  kpis: Record<OutcomeKpiId, KpiResult>;
  practice_kpis?: Record<OutcomeKpiId, KpiResult>;
  trend: {
    period: string;
    from: string;
    to: string;
    results: Record<(typeof OUTCOME_TREND_IDS)[number], KpiResult>;
  }[];
  change: Record<Instrument, ChangeDistribution | null>;
  coverage: {
    status: 'ok' | 'suppressed' | 'no_data';
    eligible: number | null;
    with_outcome: number | null;
    without: { no_scores: number | null; one_score: number | null };
  };
  severity: {
    instrument: Instrument;
    band: SeverityBand;
    episodes: number | null;
    reliable_improvement: KpiResult;
  }[];
  therapist_spread: TherapistSpread | null;
  note: string;
}

export interface ChangeDistribution {
  bins: { change: number; episodes: number }[];
  median: number | null;
  episodes: number;
}

export interface TherapistSpread {
  kpi: 'reliable_improvement_rate';
  bins: { from: number; to: number; therapists: number }[];
  therapists_counted: number;
  therapists_suppressed: number;
}
