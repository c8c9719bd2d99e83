import type { KpiMeta } from './kpi-meta.types.js';

/** Guardrail: the goal is 0 %; exceeding it is an alert, never a target. */
export const therapistLoadMeta: KpiMeta = {
  id: 'therapist_load',
  name: 'Therapist load',
  unit: 'percent',
  direction: 'lower',
  bands: {},
  help: {
    oneLine: "Days over a therapist's own daily limit, of days worked.",
    counts: { numerator: 'days over own limit', denominator: 'days worked' },
    measures:
      'How often therapists work days with more sessions than their own agreed daily maximum. It is a wellbeing alarm with a goal of 0 %, never a target to push toward.',
    formula:
      "Therapist-days on which the sessions exceed that therapist's own maximum sessions per day ÷ therapist-days with at least one session × 100. A day's sessions are its appointments with status completed, no-show or booked, counted in the practice time zone. Reported per therapist and for the practice as a whole.",
    misses:
      'It is only as good as the limits behind it: each therapist sets their own maximum with the practice, and a limit set too high hides strain. It does not see weekly totals, how demanding the sessions were, or work outside sessions.',
    levers: [
      'Agree on daily and weekly limits individually with each therapist, and revisit them together.',
      'Do not set team-wide session quotas.',
      'Treat an overloaded day as a signal to rebalance the schedule, not as a performance issue.',
      'Show these figures to the therapist concerned and to admins only as a distribution or an individual view, never as a ranking.',
    ],
  },
  counterparts: ['therapist_utilization_rate', 'session_utilization_rate'],
  ourAddition: false,
  guardrail: true,
};
