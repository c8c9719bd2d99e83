import type { KpiMeta } from './kpi-meta.types.js';

export const avgSessionRatingMeta: KpiMeta = {
  id: 'avg_session_rating',
  name: 'Average session rating',
  unit: 'score',
  direction: 'higher',
  bands: {
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      note: 'The source gives a single typical range of 4.5–5 out of 5; below 4.5 is below typical. There is no room for higher tiers on a 5-point scale.',
      rules: [{ label: 'typical', gte: 4.5, lte: 5 }],
    },
  },
  help: {
    oneLine: 'Average rating clients gave their sessions, out of 5.',
    counts: { numerator: 'sum of ratings', denominator: 'rated sessions' },
    measures: 'The average rating clients give to individual sessions, on a scale of 5.',
    formula:
      'Sum of session ratings ÷ the number of rated sessions, for sessions scheduled in the period. Seed 003 writes "total sessions" but its own example divides by the number of ratings, and so does Rapport: ratings of 4, 5, 4 and 3 give 4.',
    misses:
      'Unrated sessions are invisible, and a rating reflects how a session felt, which in therapy is not always how useful it was: a hard session can be a valuable one. Never use it to rank therapists.',
    levers: [
      'Ask for a quick rating after every session.',
      'Invest in ongoing training and development for clinicians.',
      'Follow up low ratings promptly and personally.',
    ],
  },
  counterparts: [],
  ourAddition: false,
  guardrail: false,
};
