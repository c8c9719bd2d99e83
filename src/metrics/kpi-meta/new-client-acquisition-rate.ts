import type { KpiMeta } from './kpi-meta.types.js';

export const newClientAcquisitionRateMeta: KpiMeta = {
  id: 'new_client_acquisition_rate',
  name: 'New client acquisition rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      period: 'quarter',
      note: 'The source gives typical 8–12 %, above average 15–20 % and exceptional above 25 %, leaving 12–15 % and 20–25 % unassigned. Rapport gives each gap to the band below it: typical from 8 % to under 15 %, above average 15–25 % inclusive, exceptional above 25 %.',
      rules: [
        { label: 'typical', gte: 8, lt: 15 },
        { label: 'above_average', gte: 15, lte: 25 },
        { label: 'exceptional', gt: 25 },
      ],
    },
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      period: 'month',
      note: 'The source gives typical 15–20 % and exceptional above 25 % with no above-average tier; Rapport reads more than 20 % up to 25 % as above average. Seed 003 states its figures for new clients ÷ total clients, while Rapport divides by clients active at the start, so compare with care (the detail view shows both).',
      rules: [
        { label: 'typical', gte: 15, lte: 20 },
        { label: 'above_average', gt: 20, lte: 25 },
        { label: 'exceptional', gt: 25 },
      ],
    },
  },
  help: {
    oneLine: 'New clients, per client active at the start of the period.',
    counts: { numerator: 'new clients', denominator: 'active at start' },
    measures:
      'How quickly the practice takes on new clients, relative to the caseload it had when the period began.',
    formula:
      'Clients new in the period ÷ S × 100, where S is the number of clients active at the start and a new client is one whose first completed session (or intake date, if so configured) falls in the period. Rapport follows seed 001 here; the detail view also shows the seed 003 variant, new clients ÷ clients served in the period × 100 (30 new of 150 gives 20 %).',
    misses:
      'It counts arrivals, not whether they stay or were well matched: a wave of new clients who never return is a warning, not a win. With a small starting caseload it swings widely.',
    levers: [
      'Focus outreach on the communities and regions you serve best.',
      'Invite satisfied clients to refer others through a simple referral scheme.',
      'Track where new clients come from and invest in the channels that work.',
      'Use an introductory offer where it is appropriate.',
      'Publish clear therapist profiles so people can see who fits their needs.',
    ],
  },
  counterparts: ['second_session_return_rate', 'rematch_rate'],
  ourAddition: false,
  guardrail: false,
};
