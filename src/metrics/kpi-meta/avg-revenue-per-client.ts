import type { KpiMeta } from './kpi-meta.types.js';

export const avgRevenuePerClientMeta: KpiMeta = {
  id: 'avg_revenue_per_client',
  name: 'Average revenue per client',
  unit: 'currency',
  direction: 'higher',
  bands: {
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      period: 'quarter',
      note: 'Stated per quarter in USD: typical 300–800, above average over 800 and under 1,000, exceptional 1,000 or more. These bands only make sense for a quarterly period in USD.',
      rules: [
        { label: 'typical', gte: 300, lte: 800 },
        { label: 'above_average', gt: 800, lt: 1000 },
        { label: 'exceptional', gte: 1000 },
      ],
    },
  },
  help: {
    oneLine: 'Payments received, per client seen in the period.',
    counts: { numerator: 'payments received', denominator: 'clients seen' },
    measures:
      'The net revenue the practice received, on average, for each client it saw in the period.',
    formula:
      'Net payments received in the period (refunds count as negative) ÷ clients served in the period (at least one completed session). Each currency is reported on its own, never summed: 50,000 USD from 100 clients in a quarter gives 500 USD.',
    misses:
      'It blends fees, how often clients are seen and when they pay, and says nothing about cost or profit per client. It rises when clients are seen more often, which is not the same as better care, and a payment received in one period may be for sessions in another.',
    levers: [
      'Offer add-on services or programmes with real clinical value.',
      'Encourage continued care and referrals through a loyalty scheme.',
      'Review how you attract and keep clients on a regular basis.',
      'Ask clients what they need and shape services around it.',
    ],
  },
  counterparts: ['client_satisfaction_rate', 'therapist_load'],
  ourAddition: false,
  guardrail: false,
};
