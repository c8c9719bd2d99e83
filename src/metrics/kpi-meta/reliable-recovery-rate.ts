import type { KpiMeta, ProfileBands } from './kpi-meta.types.js';

const NHS: ProfileBands = {
  source: 'NHS Talking Therapies 2026/27 aim 51 % (secondary source)',
  note: 'The aim is a single figure: 51 % or more reads as typical; no tier above it is stated.',
  rules: [{ label: 'typical', gte: 51 }],
};

export const reliableRecoveryRateMeta: KpiMeta = {
  id: 'reliable_recovery_rate',
  name: 'Reliable recovery rate',
  unit: 'percent',
  direction: 'higher',
  bands: { online_platform: NHS, remote_consultation: NHS, neurofeedback: NHS },
  help: {
    oneLine: 'Episodes that left clinical level and also improved by more than measurement error.',
    counts: { numerator: 'reliably recovered', denominator: 'at clinical level at the start' },
    measures:
      'The strict form of recovery: of the episodes that began at clinical level, the share that ended below it on every questionnaire and also showed a reliable improvement, so a small drift across the line does not count.',
    formula:
      'Episodes counted as recovered (see recovery rate) that are also reliably improved (a reliable decrease on a paired questionnaire and a reliable increase on none) ÷ episodes at caseness at baseline × 100, in the period of the episode’s latest score.',
    misses:
      'It rests on the clients who started at clinical level and have two scores; a low coverage makes it a guess. Clients with mild symptoms at the start are outside it.',
    levers: [
      'Measure at the start and at the end of every episode.',
      'Check progress at regular points and change approach when scores stall.',
      'Protect session frequency early in an episode, when change is usually largest.',
    ],
  },
  counterparts: ['recovery_rate', 'reliable_improvement_rate'],
  ourAddition: false,
  guardrail: false,
};
