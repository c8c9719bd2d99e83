import type { KpiMeta } from './kpi-meta.types.js';

export const therapistCancellationRateMeta: KpiMeta = {
  id: 'therapist_cancellation_rate',
  name: 'Therapist cancellation rate',
  unit: 'percent',
  direction: 'lower',
  bands: {},
  help: {
    oneLine: 'Sessions cancelled by a therapist or the practice, of the sessions due.',
    counts: { numerator: 'cancelled by therapist or practice', denominator: 'sessions due' },
    measures:
      'The share of closed appointments cancelled by the therapist or the practice rather than by the client.',
    formula:
      'Therapist or practice cancellations ÷ closed sessions scheduled in the period × 100. Rapport adds this KPI so these cancellations, an operations matter, do not hide inside the client no-show figure.',
    misses:
      'It does not say why: illness, emergencies, overbooking and platform outages look alike. A rise can be an early sign of overload.',
    levers: [
      'Look at therapist load on the days with cancellations.',
      'Keep cover arrangements ready for illness and emergencies.',
      'Fix platform reliability problems that force cancellations.',
      'Build buffer time into schedules so one overrun does not cascade.',
    ],
  },
  counterparts: ['therapist_load'],
  ourAddition: true,
  guardrail: false,
};
