import type { KpiMeta, ProfileBands } from './kpi-meta.types.js';

const AIM: ProfileBands = {
  source: 'our aim (data completeness)',
  note: 'Rapport’s own aim: at 90 % or more the outcome rates can be trusted; below it they are flattering guesses.',
  rules: [{ label: 'typical', gte: 90 }],
};

export const outcomeCoverageRateMeta: KpiMeta = {
  id: 'outcome_coverage_rate',
  name: 'Outcome coverage rate',
  unit: 'percent',
  direction: 'higher',
  bands: { online_platform: AIM, remote_consultation: AIM, neurofeedback: AIM },
  help: {
    oneLine: 'Episodes with two or more sessions that also have a first and a later score.',
    counts: { numerator: 'with paired scores', denominator: 'episodes of 2+ sessions' },
    measures:
      'How complete the outcome data is: of the episodes of clients seen in the period that have at least two completed sessions, the share with an outcome on PHQ-9 or GAD-7. The outcome rates are only as good as this figure.',
    formula:
      'Episodes with a completed session in the period and at least 2 completed sessions in all that have an outcome (2 scores of one questionnaire that count) ÷ those episodes × 100. An episode counts in every period in which it has a completed session. Rapport adds the 90 % aim.',
    misses:
      'It counts whether scores exist, not whether they were taken at sensible times. An episode still under way may gain its second score later, so the latest periods read low at first.',
    levers: [
      'Make the questionnaire part of booking or check-in so it is never forgotten.',
      'Send the questionnaire before each session and give clients time to complete it.',
      'Show therapists which of their episodes lack a second score.',
    ],
  },
  counterparts: ['reliable_improvement_rate', 'session_completion_rate'],
  ourAddition: true,
  guardrail: false,
};
