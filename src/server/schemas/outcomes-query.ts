import { z } from 'zod';
import { PROFILES } from '../../model/practice.js';
import { checkPeriod } from './kpi-query.js';
import { ZLocalDate } from './local-date.js';
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
}).superRefine((q, ctx) => void checkPeriod(q, ctx));
