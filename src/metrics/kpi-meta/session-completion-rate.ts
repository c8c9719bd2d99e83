import type { KpiMeta } from './kpi-meta.types.js';

export const sessionCompletionRateMeta: KpiMeta = {
  id: 'session_completion_rate',
  name: 'Session completion rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    online_platform: {
      source: 'seed 000 (online platform)',
      note: 'The source names only a typical range of 80–90 %. Above 90 % is read as above average; there is no exceptional tier.',
      rules: [
        { label: 'typical', gte: 80, lte: 90 },
        { label: 'above_average', gt: 90 },
      ],
    },
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      note: 'The source gives typical 75–85 % and exceptional from 90 %; Rapport reads more than 85 % and under 90 % as above average.',
      rules: [
        { label: 'typical', gte: 75, lte: 85 },
        { label: 'above_average', gt: 85, lt: 90 },
        { label: 'exceptional', gte: 90 },
      ],
    },
  },
  help: {
    oneLine: 'Sessions that took place, of the sessions due in the period.',
    counts: { numerator: 'sessions held', denominator: 'sessions due' },
    measures:
      'Of the appointments that reached a final status, the share that actually took place. It shows how reliably booked care turns into delivered care.',
    formula:
      'Completed sessions ÷ closed sessions × 100, both over appointments whose scheduled start falls in the period. Closed means completed, no-show, cancelled or late-cancelled; an appointment still booked waits until it closes. Cancellations by the therapist or practice also count as not completed here.',
    misses:
      'A session cancelled weeks ahead for a good reason weighs the same as a no-show, and a completed session is not necessarily a helpful one. Appointments still open at the end of the period are left out, so recent periods can move as they close.',
    levers: [
      'Send a reminder before every session through the channel each client prefers.',
      'Settle payment smoothly ahead of time so it never stands in the way of attending.',
      'Let clients move a session easily rather than drop it.',
      'Keep video and booking tools dependable and fix failures fast.',
      'Respond quickly when a client raises a practical obstacle.',
      'Help clients see why attending the whole course matters, especially for neurofeedback protocols.',
    ],
  },
  counterparts: [
    'client_satisfaction_rate',
    'therapist_cancellation_rate',
    'outcome_coverage_rate',
  ],
  ourAddition: false,
  guardrail: false,
};
