import type { KpiMeta } from './kpi-meta.types.js';

export const surveyResponseRateMeta: KpiMeta = {
  id: 'survey_response_rate',
  name: 'Survey response rate',
  unit: 'percent',
  direction: 'higher',
  bands: {},
  help: {
    oneLine: 'Clients seen in the period who answered a satisfaction survey.',
    counts: { numerator: 'clients who answered', denominator: 'clients seen' },
    measures:
      'The share of clients seen in the period who answered a satisfaction survey. It tells you how much weight the satisfaction figures can carry.',
    formula:
      'Clients served in the period (at least one completed session) who submitted a csat response in the period ÷ clients served in the period × 100. Rapport adds this KPI as context for the satisfaction score and rate; the sources do not define it.',
    misses:
      'A high response rate does not make the answers representative, and it says nothing about what the answers were. A response from someone not seen in the period is not counted in it.',
    levers: [
      'Ask at a natural moment, such as right after a session, and keep the survey short.',
      'Explain plainly how answers are used and that they stay confidential.',
      'Send one gentle reminder rather than a stream of them.',
      'Share what changed as a result of earlier feedback.',
    ],
  },
  counterparts: [],
  ourAddition: true,
  guardrail: false,
};
