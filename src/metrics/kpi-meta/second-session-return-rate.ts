import type { KpiMeta } from './kpi-meta.types.js';

export const secondSessionReturnRateMeta: KpiMeta = {
  id: 'second_session_return_rate',
  name: 'Second-session return rate',
  unit: 'percent',
  direction: 'higher',
  bands: {},
  help: {
    oneLine: 'New clients who came back for a second session.',
    counts: { numerator: 'came back', denominator: 'new clients counted' },
    measures:
      'The share of new clients who come back for a second session within 30 days of their first. People return when the first meeting left them feeling understood, so this reflects fit and the first-session experience.',
    formula:
      'New clients in the period with a second completed session within 30 days of their first ÷ new clients in the period × 100.',
    misses:
      'Some clients need only one session and some wait longer by choice; clients whose first session falls near the end of the period have not had their 30 days yet. Turning it into a contest between therapists harms care, so Rapport never ranks anyone by it.',
    levers: [
      'Put fit first when assigning new clients.',
      "Protect therapists' capacity so first sessions get their full attention.",
      'Offer a convenient second appointment before the first one ends.',
      'Set no return-rate targets or competitions among therapists.',
    ],
  },
  counterparts: ['new_client_acquisition_rate', 'rematch_rate'],
  ourAddition: false,
  guardrail: true,
};
