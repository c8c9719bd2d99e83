import type { KpiMeta } from './kpi-meta.types.js';

export const phq9RemissionRateMeta: KpiMeta = {
  id: 'phq9_remission_rate',
  name: 'PHQ-9 remission rate',
  unit: 'percent',
  direction: 'higher',
  bands: {},
  help: {
    oneLine: 'Episodes starting with moderate depression whose PHQ-9 fell below 5.',
    counts: { numerator: 'PHQ-9 below 5', denominator: 'PHQ-9 of 10 or more at the start' },
    measures:
      'Of the episodes whose first PHQ-9 was 10 or more, the share whose latest PHQ-9 was under 5, the range of minimal symptoms: the remission measure used in US quality reporting (HEDIS).',
    formula:
      'Episodes with a PHQ-9 outcome, a baseline PHQ-9 of 10 or more and a latest PHQ-9 below 5 (a latest score of exactly 5 is not remission) ÷ episodes with a PHQ-9 outcome and a baseline of 10 or more × 100, in the period of the episode’s latest score.',
    misses:
      'A strict bar: a client who improves a lot but ends at 5 or 6 does not count. It covers depression only and relies on a latest score being taken near the end of care.',
    levers: [
      'Keep scoring until the end of care so a late remission is seen.',
      'Plan relapse prevention before the last session.',
      'Offer follow-up sessions for clients who improved but are not yet in remission.',
    ],
  },
  counterparts: ['phq9_response_rate', 'recovery_rate'],
  ourAddition: false,
  guardrail: false,
};
