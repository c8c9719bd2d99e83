import type { KpiMeta } from './kpi-meta.types.js';

export const sessionUtilizationRateMeta: KpiMeta = {
  id: 'session_utilization_rate',
  name: 'Session utilization rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      note: 'Typical 60–80 %, above average over 80 % up to 90 %, exceptional over 90 %; the shared edges 80 % and 90 % stay in the lower band.',
      rules: [
        { label: 'typical', gte: 60, lte: 80 },
        { label: 'above_average', gt: 80, lte: 90 },
        { label: 'exceptional', gt: 90 },
      ],
    },
  },
  help: {
    oneLine: 'Offered booking slots filled by a session that took place.',
    counts: { numerator: 'slots used', denominator: 'slots offered' },
    differs: {
      from: 'therapist_utilization_rate',
      text: 'Therapist utilization is session hours over the hours therapists made available; session utilization is the share of offered booking slots filled by a session that took place.',
    },
    measures:
      'The share of offered appointment slots that were filled by a session that took place.',
    formula:
      'Offered slots starting in the period that were used by a completed session ÷ offered slots starting in the period × 100. A slot counts as used when a completed appointment names it or, without a slot id, has the same therapist and the same start instant.',
    misses:
      'It sees filled capacity, not whether the day was sustainable for the clinician or the session effective, and it cannot explain why slots stay empty.',
    levers: [
      'Run a clear scheduling system that shows real availability.',
      'Offer session packages that make a full protocol easy to book.',
      'Remind clients of their upcoming sessions and of open times.',
      'Study busy and quiet periods and move slots to follow demand.',
    ],
  },
  counterparts: ['therapist_load', 'avg_session_rating'],
  ourAddition: false,
  guardrail: false,
};
