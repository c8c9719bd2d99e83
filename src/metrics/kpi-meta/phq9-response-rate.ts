import type { KpiMeta } from './kpi-meta.types.js';

export const phq9ResponseRateMeta: KpiMeta = {
  id: 'phq9_response_rate',
  name: 'PHQ-9 response rate',
  unit: 'percent',
  direction: 'higher',
  bands: {},
  help: {
    oneLine: 'Episodes starting with moderate depression whose PHQ-9 at least halved.',
    counts: {
      numerator: 'PHQ-9 halved or better',
      denominator: 'PHQ-9 of 10 or more at the start',
    },
    measures:
      'Of the episodes whose first PHQ-9 was 10 or more, the share whose latest PHQ-9 was half the first or lower: the response measure used in US quality reporting (HEDIS).',
    formula:
      'Episodes with a PHQ-9 outcome, a baseline PHQ-9 of 10 or more and a latest PHQ-9 of at most half the baseline (exactly half counts) ÷ episodes with a PHQ-9 outcome and a baseline of 10 or more × 100, in the period of the episode’s latest score.',
    misses:
      'It looks at depression only, and a halving from a high score can still leave a client at clinical level. HEDIS measures response at fixed follow-up times; Rapport uses the latest score of the episode.',
    levers: [
      'Give the PHQ-9 at the first session and at regular points after it.',
      'Review the plan with the client when the score has not fallen after a few sessions.',
      'Coordinate with the client’s doctor when depression does not respond.',
    ],
  },
  counterparts: ['phq9_remission_rate', 'outcome_coverage_rate'],
  ourAddition: false,
  guardrail: false,
};
