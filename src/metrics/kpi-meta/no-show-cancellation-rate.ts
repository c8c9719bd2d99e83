import type { KpiMeta } from './kpi-meta.types.js';

export const noShowCancellationRateMeta: KpiMeta = {
  id: 'no_show_cancellation_rate',
  name: 'No-show and cancellation rate',
  unit: 'percent',
  direction: 'lower',
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      note: 'Lower is better. Exceptional under 5 %, above average from 5 % to under 10 %, typical 10–20 % inclusive; above 20 % is below typical.',
      rules: [
        { label: 'exceptional', lt: 5 },
        { label: 'above_average', gte: 5, lt: 10 },
        { label: 'typical', gte: 10, lte: 20 },
      ],
    },
  },
  help: {
    oneLine: 'Sessions the client missed or cancelled, of the sessions due.',
    counts: { numerator: 'missed or cancelled', denominator: 'sessions due' },
    measures:
      'The share of closed appointments lost because the client did not turn up or cancelled.',
    formula:
      '(No-shows + client cancellations + late cancellations) ÷ closed sessions scheduled in the period × 100. Late means cancelled less than the notice window (24 hours by default) before the start; a cancellation with no recorded author counts as the client’s. Cancellations by the therapist or practice are excluded here and reported as the therapist cancellation rate.',
    misses:
      'It cannot tell a client in crisis from one who forgot, and events outside anyone’s control push it up. Harsh fees for missed sessions may lower it while pushing vulnerable clients out of care.',
    levers: [
      'Send automated reminders by email, text message or app notification.',
      'Let clients reschedule without a fee when they give notice.',
      'Look for days and hours where missed sessions cluster and plan around them.',
      'Recognise steady attendance, for example with a discounted package of sessions.',
    ],
  },
  counterparts: ['therapist_cancellation_rate', 'second_session_return_rate'],
  ourAddition: false,
  guardrail: false,
};
