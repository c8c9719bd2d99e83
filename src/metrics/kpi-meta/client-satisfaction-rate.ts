import type { KpiMeta } from './kpi-meta.types.js';

export const clientSatisfactionRateMeta: KpiMeta = {
  id: 'client_satisfaction_rate',
  name: 'Client satisfaction rate',
  unit: 'percent',
  direction: 'higher',
  bands: {
    remote_consultation: {
      source: 'seed 001 (remote consultation)',
      note: 'The source gives typical as the single figure 85 %, above average 91–95 % and exceptional above 95 %. Rapport reads 85 % up to (not including) 91 % as typical, so no value falls between bands.',
      rules: [
        { label: 'typical', gte: 85, lt: 91 },
        { label: 'above_average', gte: 91, lte: 95 },
        { label: 'exceptional', gt: 95 },
      ],
    },
    neurofeedback: {
      source: 'seed 003 (neurofeedback)',
      note: 'The source gives typical 75–85 %, above average 85–90 % and exceptional from 90 %. The shared edge 85 % stays typical; above average runs from just over 85 % to under 90 %.',
      rules: [
        { label: 'typical', gte: 75, lte: 85 },
        { label: 'above_average', gt: 85, lt: 90 },
        { label: 'exceptional', gte: 90 },
      ],
    },
  },
  help: {
    oneLine: 'Satisfaction survey answers of 4 or 5 out of 5, of all answers.',
    counts: { numerator: 'satisfied answers', denominator: 'survey answers' },
    measures:
      'The share of survey respondents who say they are satisfied, by default those answering 4 or 5 on a 5-point scale (the top-two box).',
    formula:
      'Satisfied respondents ÷ respondents × 100, over csat responses received in the period. Satisfied means a score of at least 80 % of the scale maximum (4 or 5 of 5); the scale is configurable. Rapport divides by respondents rather than by all clients as seed 001 does, and shows the survey response rate beside it so that silence stays visible.',
    misses:
      'Clients who never reply are invisible, and unhappy clients often leave without answering. A figure close to 100 % can still hide a few serious complaints, so read the comments too.',
    levers: [
      'Survey clients at regular points in their care, not only at the end.',
      'Thank clients for taking part in feedback, with a small reward if that fits your ethics.',
      'Follow up every negative answer quickly and personally.',
      'Turn what clients say into visible changes in how care is delivered.',
      'Keep training the whole team so the quality of care stays high.',
    ],
  },
  counterparts: ['survey_response_rate'],
  ourAddition: false,
  guardrail: false,
};
