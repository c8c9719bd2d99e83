import { clientRetentionRateMeta } from './client-retention-rate.js';
import type { KpiMeta, ProfileBands } from './kpi-meta.types.js';

/** Same figures as client retention, marked as our addition. */
const bands: KpiMeta['bands'] = Object.fromEntries(
  Object.entries(clientRetentionRateMeta.bands).map(([profile, b]): [string, ProfileBands] => [
    profile,
    {
      source: 'our addition',
      ...(b.period ? { period: b.period } : {}),
      note: `Rapport borrows the client retention bands of ${b.source}; no source benchmarks the cohort version. ${b.note ?? ''}`.trim(),
      rules: b.rules.map((r) => ({ ...r })),
    },
  ]),
);

export const cohortRetentionRateMeta: KpiMeta = {
  id: 'cohort_retention_rate',
  name: 'Cohort retention rate',
  unit: 'percent',
  direction: 'higher',
  bands,
  help: {
    oneLine: 'Of the clients active at the start, the share still active at the end.',
    counts: { numerator: 'clients retained', denominator: 'active at start' },
    differs: {
      from: 'client_retention_rate',
      text: 'Client retention takes the clients active at the end and subtracts the new ones, so clients returning after a gap can lift it (even past 100 %); cohort retention follows only the clients active at the start and is the exact share of them still in care.',
    },
    measures:
      'The exact share of the clients in care at the start of the period who are still in care at its end. It follows one fixed group, so clients who join or return mid-period cannot lift it.',
    formula:
      'Take S, the clients active at the start of the period, and E, those active at its end; the rate is the number of clients found in both, |S ∩ E|, divided by |S|, × 100. Active means not discharged and with a completed session in the 90 days before that instant (configurable).',
    misses:
      'Like every retention figure it cannot tell a planned, successful ending from a dropout, and a client who pauses for longer than the activity window is counted as lost. Newcomers are ignored entirely, so read it beside acquisition and second-session return.',
    levers: [
      'Review clients who have no upcoming appointment and reach out warmly.',
      'Agree on next steps and the next date before each session ends.',
      'Check fit early and let clients change therapist without friction.',
      'Record discharges promptly so planned endings are not mistaken for losses.',
    ],
  },
  counterparts: ['rematch_rate', 'client_satisfaction_rate', 'reliable_improvement_rate'],
  ourAddition: true,
  guardrail: false,
};
