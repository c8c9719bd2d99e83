import type { KpiMeta, ProfileBands } from './kpi-meta.types.js';

const NHS: ProfileBands = {
  source: 'NHS Talking Therapies standard (at least 50 %)',
  note: 'The standard is a floor: 50 % or more reads as typical; no tier above it is stated.',
  rules: [{ label: 'typical', gte: 50 }],
};

export const recoveryRateMeta: KpiMeta = {
  id: 'recovery_rate',
  name: 'Recovery rate',
  unit: 'percent',
  direction: 'higher',
  bands: { online_platform: NHS, remote_consultation: NHS, neurofeedback: NHS },
  help: {
    oneLine: 'Episodes that began at clinical level and ended below it on every questionnaire.',
    counts: { numerator: 'recovered', denominator: 'at clinical level at the start' },
    measures:
      'Of the episodes whose first scores were at clinical level, the share whose latest scores were all below it: the client moved out of the range where the questionnaires call it a case.',
    formula:
      'Episodes at caseness at baseline (PHQ-9 of 10 or more, or GAD-7 of 8 or more, on a paired questionnaire) whose latest score is below caseness on every paired questionnaire, including one that was not at caseness at baseline ÷ episodes at caseness at baseline × 100. Only episodes with an outcome count; an episode counts in the period of its latest score.',
    misses:
      'A client just over the line at the start can recover with a small, unreliable change; reliable recovery guards against that. Clients who start below the line never count here, however much they improve.',
    levers: [
      'Score at the first session so the start of each episode is known.',
      'Keep scoring until the last session so an ending is not left unmeasured.',
      'Offer enough sessions for the work to finish before the episode ends.',
      'Look together at episodes that end still at clinical level.',
    ],
  },
  counterparts: ['reliable_recovery_rate', 'outcome_coverage_rate'],
  ourAddition: false,
  guardrail: false,
};
