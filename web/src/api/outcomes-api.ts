import { api } from './api-client';
import type { KpiResult, Profile } from './api-types';

/**
 * The answer of `GET /api/v1/outcomes` (src/server/schemas/outcomes.schema.ts on the server):
 * the seven outcome rates for a scope, the practice's beside a therapist's, a monthly trend,
 * the change from baseline per instrument, coverage, a severity-at-baseline breakdown and, for
 * owners and admins, the anonymous therapist spread. Every group of 1–4 episodes is
 * `suppressed`: no figure and no counts.
 */
export interface OutcomesDocument {
  practice: string;
  from: string;
  to: string;
  profile: Profile;
  scope: { therapist?: string; service?: string; channel?: string };
  kpis: KpiResult[] | Record<string, KpiResult>;
  practice_kpis?: KpiResult[] | Record<string, KpiResult>;
  trend: { period: string; from: string; to: string; results: unknown }[];
  change: { phq9: ChangeHistogram | null; gad7: ChangeHistogram | null };
  coverage: { eligible: number | null; with_outcome: number | null; without: Record<string, number | null> };
  severity: SeverityRow[];
  therapist_spread: TherapistSpreadBins | null;
  note: string;
}

export interface ChangeHistogram {
  bins: { change: number; episodes: number }[];
  median: number | null;
  episodes: number;
}

export type Instrument = 'phq9' | 'gad7';

export interface SeverityRow {
  instrument: Instrument;
  band: 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';
  episodes: number | null;
  reliable_improvement: Pick<
    KpiResult,
    'value' | 'numerator' | 'denominator' | 'status' | 'ci'
  > & { ci_low?: number | null; ci_high?: number | null };
}

export interface TherapistSpreadBins {
  kpi: string;
  bins: { from: number; to: number; therapists: number }[];
  therapists_counted: number;
  therapists_suppressed: number;
}

export interface OutcomesQuery {
  from: string;
  to: string;
  profile?: Profile;
  service?: string;
  channel?: string;
  therapist?: string;
}

export const outcomesApi = {
  get: (q: OutcomesQuery) =>
    api.get<OutcomesDocument>('/api/v1/outcomes', {
      from: q.from,
      to: q.to,
      profile: q.profile,
      service: q.service,
      channel: q.channel,
      therapist: q.therapist,
    }),
};
