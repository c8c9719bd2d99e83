import type { KpiMeta } from './kpi-meta.types.js';

export const avgWaitTimeToBookMeta: KpiMeta = {
  id: 'avg_wait_time_to_book',
  name: 'Average wait time to book',
  unit: 'hours',
  direction: 'lower',
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      note: 'The source gives exceptional under 1 hour, above average 1–2 hours and typical 3–4 hours, leaving 2–3 hours unassigned. Rapport puts more than 2 and up to 4 hours in typical; more than 4 hours is below typical.',
      rules: [
        { label: 'exceptional', lt: 1 },
        { label: 'above_average', gte: 1, lte: 2 },
        { label: 'typical', gt: 2, lte: 4 },
      ],
    },
  },
  help: {
    oneLine: 'Average hours from a booking request to the booking.',
    counts: { numerator: 'hours waited', denominator: 'bookings' },
    measures:
      'How long, on average, a client waits between asking for an appointment and having one confirmed.',
    formula:
      'The sum of (booked at − requested at) over appointments booked in the period ÷ the number of those appointments, in hours. Appointments belong to the period of their booking time.',
    misses:
      'Some clients choose to wait for a particular therapist, and a quick booking with a poorly matched therapist serves them worse than a slower, better one. It measures the time to a confirmed booking, not the time until the session itself.',
    levers: [
      'Let clients book online themselves against live availability.',
      'Encourage bookings in quieter hours so demand spreads more evenly.',
      "Review therapists' availability against demand on a regular basis.",
      'Tell clients up front how long booking usually takes.',
      'Match for fit first: a short wait for the right therapist is worth it.',
    ],
  },
  counterparts: ['rematch_rate'],
  ourAddition: false,
  guardrail: false,
};
