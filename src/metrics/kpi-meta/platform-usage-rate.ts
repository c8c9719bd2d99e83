import type { KpiMeta } from './kpi-meta.types.js';

export const platformUsageRateMeta: KpiMeta = {
  id: 'platform_usage_rate',
  name: 'Platform usage rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    online_platform: {
      source: 'seed 000 (online platform)',
      period: 'month',
      note: 'Stated for monthly active users. The source names only a typical 70–85 %; above 85 % is read as above average, with no exceptional tier.',
      rules: [
        { label: 'typical', gte: 70, lte: 85 },
        { label: 'above_average', gt: 85 },
      ],
    },
  },
  help: {
    oneLine: 'Registered clients and therapists who used the platform at least once.',
    counts: { numerator: 'active users', denominator: 'registered users' },
    measures:
      'The share of registered clients and therapists who did anything at all on the platform in the period. Clients, therapists and everyone together are reported separately.',
    formula:
      'Users with at least one activity event in the period ÷ users registered at the end of the period × 100. Registered clients are those created before the end and not discharged before the start; registered therapists are those whose active dates overlap the period. Activity from unknown user ids shows up as a data-quality warning, not in the rate.',
    misses:
      'One login counts the same as daily use, and being active is not the same as benefiting: frequent visits can signal trouble as easily as engagement. The benchmark is monthly, so compare it month by month.',
    levers: [
      'Publish fresh, useful content on a steady schedule.',
      'Give clients a moderated space where they can support each other.',
      'Send a periodic update that points to what is new.',
      'Acknowledge steady use, for example with progress milestones.',
      'Add interactive tools such as exercises or mood check-ins.',
    ],
  },
  counterparts: ['client_satisfaction_rate'],
  ourAddition: false,
  guardrail: false,
};
