import type { OutcomesReport } from '../../../src/server/schemas/outcomes.schema';
import { api } from './api-client';
import type { Profile } from './api-types';

/**
 * The answer of `GET /api/v1/outcomes`, from its single definition on the server
 * (src/server/schemas/outcomes.schema.ts, where each field is described): the seven outcome
 * rates for a scope, the practice's beside a therapist's, a monthly trend, the change from
 * baseline per instrument, coverage, a severity-at-baseline breakdown and, for owners and
 * admins, the anonymous therapist spread. Every group of 1–4 episodes is `suppressed`.
 */
export type OutcomesDocument = OutcomesReport;
export type ChangeHistogram = NonNullable<OutcomesReport['change']['phq9']>;
export type Instrument = keyof OutcomesReport['change'];
export type SeverityRow = OutcomesReport['severity'][number];
export type TherapistSpreadBins = NonNullable<OutcomesReport['therapist_spread']>;

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
