import type { KpiMeta } from './kpi-meta.types.js';

export const clientRetentionRateMeta: KpiMeta = {
  id: 'client_retention_rate',
  name: 'Client retention rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    online_platform: {
      source: 'seed 000 (online platform)',
      period: 'month',
      note: 'The source names only a typical range of 60–70 %. Above 70 % is read as above average; there is no exceptional tier.',
      rules: [
        { label: 'typical', gte: 60, lte: 70 },
        { label: 'above_average', gt: 70 },
      ],
    },
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      period: 'quarter',
      note: 'The source gives single figures (85 % typical, 90 % above average, more than 95 % exceptional); each is read as the lower edge of its band: typical 85 up to 90, above average 90 to 95 inclusive, exceptional above 95.',
      rules: [
        { label: 'typical', gte: 85, lt: 90 },
        { label: 'above_average', gte: 90, lte: 95 },
        { label: 'exceptional', gt: 95 },
      ],
    },
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      period: 'month',
      note: 'The source gives typical 70–80 % and exceptional above 90 % but nothing in between; Rapport reads more than 80 % up to 90 % as above average.',
      rules: [
        { label: 'typical', gte: 70, lte: 80 },
        { label: 'above_average', gt: 80, lte: 90 },
        { label: 'exceptional', gt: 90 },
      ],
    },
  },
  help: {
    oneLine:
      "Clients active at the end, less this period's new ones, per client active at the start.",
    counts: { numerator: 'active at end, less new', denominator: 'active at start' },
    measures:
      'How much of the caseload you began the period with is still in care when it ends, once the clients who joined during the period are set aside. It is the retention figure all three source practices use.',
    formula:
      'With S = clients active at the start of the period, E = clients active at its end and N = clients whose first completed session falls in the period, the rate is (E − N) / S × 100. A client is active at an instant when not discharged and with a completed session in the 90 days before it (configurable). E may contain returning clients who were not in S, so this figure can sit above the share of S that was really kept, even above 100 %; the cohort retention rate gives that exact share.',
    misses:
      'It counts heads, not progress: a client who ends therapy well looks the same as one who drifts away unhappy. Reactivated clients inflate it, small caseloads and short periods make it jumpy, and it never says why people leave. Holding on to clients who no longer need care would raise it, and that is not a goal.',
    levers: [
      'Match each new client with a therapist suited to their needs, not just the first free slot.',
      'Ask for feedback at regular points and show clients what changed because of it.',
      'Shape the treatment plan around each client and review it together.',
      'Make rebooking easy with flexible hours and simple rescheduling.',
      'Keep in touch between sessions with short check-ins where clinically appropriate.',
    ],
  },
  counterparts: ['rematch_rate', 'client_satisfaction_rate', 'reliable_improvement_rate'],
  ourAddition: false,
  guardrail: false,
};
