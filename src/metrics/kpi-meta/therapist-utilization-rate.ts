import type { KpiMeta } from './kpi-meta.types.js';

export const therapistUtilizationRateMeta: KpiMeta = {
  id: 'therapist_utilization_rate',
  name: 'Therapist utilization rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      note: 'Typical 60–75 %, above average over 75 % up to 85 %, exceptional over 85 %; the shared edges 75 % and 85 % stay in the lower band. Guardrail: a high figure is never a goal on its own; read it beside therapist load, and never rank therapists by it.',
      rules: [
        { label: 'typical', gte: 60, lte: 75 },
        { label: 'above_average', gt: 75, lte: 85 },
        { label: 'exceptional', gt: 85 },
      ],
    },
  },
  help: {
    oneLine: 'Hours spent in sessions, of the hours therapists made available.',
    counts: { numerator: 'session hours', denominator: 'available hours' },
    measures: "The share of therapists' available hours that were spent in completed sessions.",
    formula:
      'Hours of completed sessions ÷ hours of availability in the period × 100. An availability block that crosses the edge of the period contributes only the hours that fall inside it.',
    misses:
      'It sees neither quality nor the unseen work around sessions: notes, supervision, preparation and recovery. A high figure can mean a therapist is stretched thin, so Rapport shows it beside therapist load and never in a league table.',
    levers: [
      'Plan schedules so that gaps between sessions are deliberate, not accidental.',
      'Use good tooling to match clients with available therapists, keeping fit first.',
      'Cut admin steps that take time away from clients.',
      'Adjust availability to demand instead of pressing individual therapists to fill more hours.',
    ],
  },
  counterparts: ['therapist_load', 'client_satisfaction_rate', 'reliable_deterioration_rate'],
  ourAddition: false,
  guardrail: false,
};
