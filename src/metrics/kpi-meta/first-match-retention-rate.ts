import type { KpiMeta } from './kpi-meta.types.js';

export const firstMatchRetentionRateMeta: KpiMeta = {
  id: 'first_match_retention_rate',
  name: 'First-match retention rate',
  unit: 'percent',
  direction: 'higher',
  bands: {},
  help: {
    oneLine: 'New clients who stayed with their first therapist for four sessions or more.',
    counts: { numerator: 'stayed with their first match', denominator: 'new clients counted' },
    measures:
      'Of the new clients whose first 90 days are over, the share who had at least four completed sessions in those 90 days, every one with the therapist they started with. It asks whether the first match held long enough for the work to begin.',
    formula:
      'New clients in the period, 90 days or more past their first completed session, with four or more completed sessions in the 90 days from that first session and no session in them with another therapist ÷ those new clients × 100.',
    misses:
      'A short course of care can be complete in fewer than four sessions, and a single covering session with a colleague counts as a change. Clients from the last 90 days are left out until their window closes, so the latest periods rest on fewer clients.',
    levers: [
      'Match on needs, specialty and preferences before earliest availability.',
      'Book the next few sessions with the same therapist before the client leaves the first.',
      'Plan cover so regular clients keep their own therapist through holidays.',
      'Ask early how the fit feels, and make a change easy when it is not right.',
    ],
  },
  counterparts: ['rematch_rate', 'client_retention_rate'],
  ourAddition: false,
  guardrail: true,
};
