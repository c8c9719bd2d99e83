import type { KpiMeta } from './kpi-meta.types.js';

export const therapistResponseTimeMeta: KpiMeta = {
  id: 'therapist_response_time',
  name: 'Therapist response time',
  unit: 'hours',
  direction: 'lower',
  bands: {
    online_platform: {
      source: 'seed 000 (online platform)',
      note: 'The source names only a typical 1–2 hours. Faster than 1 hour is read as above average; slower than 2 hours is below typical; there is no exceptional tier.',
      rules: [
        { label: 'above_average', lt: 1 },
        { label: 'typical', gte: 1, lte: 2 },
      ],
    },
  },
  help: {
    oneLine: 'Average hours a client waits for a therapist to reply to a message.',
    counts: { numerator: 'hours waited', denominator: 'messages answered' },
    measures:
      "How long clients wait, on average, for a therapist's first reply after writing. The median and the 90th percentile are shown too, because a handful of very slow replies can dominate the mean.",
    formula:
      "Each client message that opens a conversation, or comes after the therapist's last reply, starts a clock; the therapist's next message in that conversation stops it. The KPI is the mean of these waits in hours, for clocks started in the period. Messages still unanswered at the end of the period are reported as a count rather than dropped. An optional business-hours calendar per therapist pauses the clock outside working hours.",
    misses:
      "Speed is not quality: a quick, thin reply scores better than a careful one. Without a business-hours calendar, nights and weekends count in full, and chasing faster replies outside working hours eats into therapists' rest.",
    levers: [
      'Agree on a reasonable reply window with each therapist and tell clients what to expect.',
      'Use automatic acknowledgements for first contact and routine questions.',
      'Notify therapists of new messages in a way that fits their working day.',
      'Watch the trend over weeks instead of reacting to a single slow reply.',
    ],
  },
  counterparts: ['therapist_load'],
  ourAddition: false,
  guardrail: false,
};
