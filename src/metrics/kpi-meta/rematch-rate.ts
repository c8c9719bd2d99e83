import type { KpiMeta } from './kpi-meta.types.js';

export const rematchRateMeta: KpiMeta = {
  id: 'rematch_rate',
  name: 'Rematch rate',
  unit: 'percent',
  direction: 'lower',
  bands: {},
  help: {
    oneLine: 'New clients who switched therapist within their first three sessions.',
    counts: { numerator: 'switched therapist', denominator: 'new clients counted' },
    measures:
      'The share of new clients who move to a different therapist within their first three sessions. It shows how well first matches fit.',
    formula:
      'New clients in the period whose second or third completed session is with a different therapist than their first ÷ new clients in the period × 100.',
    misses:
      'A switch can be a healthy choice and a sign that changing is easy; a low figure can also mean unhappy clients left rather than asked. Clients with fewer than two sessions cannot count as rematched yet.',
    levers: [
      'Match on needs, specialty and preferences before earliest availability.',
      'Publish clear therapist profiles so clients can choose with care.',
      'Offer a short introductory call before the first full session.',
      'Make asking for a different therapist easy and free of blame.',
    ],
  },
  counterparts: ['client_retention_rate', 'avg_wait_time_to_book'],
  ourAddition: false,
  guardrail: true,
};
