import { z } from 'zod';
import { PROFILES } from '../../model/practice.js';
import { MAX_PERIOD_YEARS } from './kpi-query.js';
import { ZLocalDate, addYears } from './local-date.js';
import { ZPracticeQuery } from './practice-query.js';

const ZName = z.string().trim().min(1).max(200);

/** The query of GET /api/v1/outcomes: a period like /kpis and the scope of the figures. */
export const ZOutcomesQuery = ZPracticeQuery.extend({
  from: ZLocalDate.describe('first day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  to: ZLocalDate.describe('last day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  profile: z
    .enum(PROFILES)
    .optional()
    .describe("benchmark profile for the bands (default: the practice's)"),
  service: ZName.optional().describe(
    'only episodes attributed to this service (by the last completed session before the latest score)',
  ),
  channel: ZName.optional().describe('only episodes of clients of this acquisition channel'),
  therapist: ZName.optional().describe(
    "only episodes attributed to this therapist; a clinician must name their own, and then gets the practice's figures too",
  ),
}).superRefine((q, ctx) => {
  if (q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `is before from (${q.from})` });
  } else if (q.to >= addYears(q.from, MAX_PERIOD_YEARS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the period may span at most ${MAX_PERIOD_YEARS} years`,
    });
  }
});
