import type { KpiMeta } from './kpi-meta.types.js';

export const clientSatisfactionScoreMeta: KpiMeta = {
  id: 'client_satisfaction_score',
  name: 'Client satisfaction score',
  unit: 'score',
  direction: 'higher',
  bands: {
    online_platform: {
      source: 'seed 000 (online platform)',
      note: 'The source says only that a good score is 4 or more out of 5. Rapport maps 4 and above to typical and anything lower to below typical; there are no higher tiers.',
      rules: [{ label: 'typical', gte: 4 }],
    },
  },
  help: {
    oneLine: 'Average satisfaction survey score, out of 5.',
    counts: { numerator: 'sum of scores (of 5)', denominator: 'survey answers' },
    measures:
      "The average of clients' overall satisfaction ratings on a 1–5 scale. It is a quick read of how the service feels from the client's side.",
    formula:
      'Sum of the scores of csat survey responses received in the period ÷ the number of those responses. A score given on another scale is first rescaled as score × 5 / scale maximum.',
    misses:
      'Only clients who answer are counted, and they are rarely a random sample: check the survey response rate beside it. An average can hide a split between delighted and unhappy clients, and liking the service is not the same as clinical progress.',
    levers: [
      'Train therapists in the communication and service side of care.',
      'Hold short, regular conversations with clients about how things are going.',
      'Keep the platform simple, from booking to joining a call.',
      'Offer several therapeutic approaches so clients can find one that suits them.',
      'Improve the platform steadily and tell clients what has changed.',
    ],
  },
  counterparts: ['survey_response_rate'],
  ourAddition: false,
  guardrail: false,
};
