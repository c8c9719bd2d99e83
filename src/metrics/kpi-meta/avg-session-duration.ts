import type { KpiMeta } from './kpi-meta.types.js';

export const avgSessionDurationMeta: KpiMeta = {
  id: 'avg_session_duration',
  name: 'Average session duration',
  unit: 'minutes',
  direction: 'range',
  target: { min: 30, max: 60 },
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      note: 'Typical is 30–60 minutes inclusive; anything shorter or longer is below typical. The source hints that longer sessions are better, but Rapport treats length as a range to stay within, not a score to push up.',
      rules: [{ label: 'typical', gte: 30, lte: 60 }],
    },
  },
  help: {
    oneLine: 'Average length of a completed session.',
    counts: { numerator: 'session minutes', denominator: 'sessions' },
    measures:
      'The average length of the sessions that took place, in minutes. Rapport treats 30 to 60 minutes as the healthy range rather than rewarding longer sessions.',
    formula:
      'Total duration of completed sessions ÷ the number of completed sessions, over appointments scheduled in the period.',
    misses:
      'Length is not depth: a focused 40-minute session can achieve more than a drawn-out 70-minute one. Intake, talk therapy and neurofeedback have different normal lengths, so group by service; very short averages can point to dropped calls or early endings.',
    levers: [
      'Set a standard length for each service and schedule to it.',
      'Support therapists in building rapport and active participation during sessions.',
      'Ask clients how sessions felt to them, including their length.',
      'Check unusually short sessions for technical interruptions.',
    ],
  },
  counterparts: ['client_satisfaction_rate'],
  ourAddition: false,
  guardrail: false,
};
