import type { KpiMeta } from './kpi-meta.types.js';

/** The safety signal of the outcome KPIs: reported, never benchmarked. */
export const reliableDeteriorationRateMeta: KpiMeta = {
  id: 'reliable_deterioration_rate',
  name: 'Reliable deterioration rate',
  unit: 'percent',
  direction: 'lower',
  bands: {},
  help: {
    oneLine: 'Episodes whose symptom scores rose by more than measurement error.',
    counts: { numerator: 'reliably worse', denominator: 'episodes with an outcome' },
    measures:
      'The safety signal beside improvement: of the episodes with a first and a later score, the share in which symptoms rose by more than the questionnaire’s noise on one questionnaire and fell that much on none.',
    formula:
      'Episodes with a reliable increase (PHQ-9 by 6 points or more, GAD-7 by 4 or more) on at least one paired questionnaire and a reliable decrease on none ÷ episodes with an outcome × 100, in the period of the episode’s latest score. It has no benchmark: every such episode deserves a look.',
    misses:
      'Life events outside therapy move scores too, and a rise early in care can come before improvement. Clients who get worse and stop coming often leave no second score, so they are missing from it.',
    levers: [
      'Look at rising scores at the next session, not at the end of the episode.',
      'Have a plan for risk when scores rise, and use supervision for it.',
      'Reconsider the match or the approach when a client gets worse.',
      'Keep caseloads within each therapist’s own limit so warning signs are noticed.',
    ],
  },
  counterparts: ['reliable_improvement_rate', 'outcome_coverage_rate'],
  ourAddition: false,
  guardrail: true,
};
