import type { KpiMeta, ProfileBands } from './kpi-meta.types.js';

const NHS: ProfileBands = {
  source:
    'NHS Talking Therapies (national figure about two thirds; 2026/27 aim 69 %, secondary source)',
  note: 'The programme reports about two thirds nationally and aims for 69 % in 2026/27. Rapport reads 62 % up to the aim as typical and the aim or more as above average; there is no exceptional tier.',
  rules: [
    { label: 'typical', gte: 62, lt: 69 },
    { label: 'above_average', gte: 69 },
  ],
};

export const reliableImprovementRateMeta: KpiMeta = {
  id: 'reliable_improvement_rate',
  name: 'Reliable improvement rate',
  unit: 'percent',
  direction: 'higher',
  bands: { online_platform: NHS, remote_consultation: NHS, neurofeedback: NHS },
  help: {
    oneLine: 'Episodes of care whose symptom scores fell by more than measurement error.',
    counts: { numerator: 'reliably improved', denominator: 'episodes with an outcome' },
    measures:
      'Of the episodes of care with a first and a later PHQ-9 or GAD-7 score, the share in which symptoms dropped by more than the questionnaire’s own noise, on one questionnaire at least, without rising that much on the other.',
    formula:
      'Episodes with a reliable decrease (PHQ-9 by 6 points or more, GAD-7 by 4 or more) on at least one paired questionnaire and a reliable increase on none ÷ episodes with an outcome × 100. An episode is a spell of completed sessions no more than the active window apart; it has an outcome when it holds at least 2 completed sessions and 2 scores of a questionnaire (the first may be up to 14 days before the first session). It counts in the period of its latest score.',
    misses:
      'Only episodes with two scores count, so a practice that scores few clients can look better than it is: read it with outcome coverage. It says nothing about clients who stop before a second score, and the latest periods move as open episodes add scores.',
    levers: [
      'Ask for a PHQ-9 or GAD-7 at the first session and regularly after it, not only at the end.',
      'Review scores with the client and adjust the plan when they do not move.',
      'Match clients to therapists by need and fit rather than the first free slot.',
      'Use supervision to look at episodes that stall, without ranking colleagues.',
    ],
  },
  counterparts: ['reliable_deterioration_rate', 'outcome_coverage_rate'],
  ourAddition: false,
  guardrail: false,
};
