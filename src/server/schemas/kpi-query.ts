import { z } from 'zod';
import { GROUP_BY } from '../../metrics/catalog/catalog.types.js';
import { KPI_IDS, type KpiId } from '../../metrics/kpi-meta/index.js';
import { PROFILES } from '../../model/practice.js';
import { ZLocalDate, addYears } from './local-date.js';
import { ZPracticeQuery } from './practice-query.js';

/** The longest period a KPI request may span, and the longest split by day (one group a day). */
export const MAX_PERIOD_YEARS = 10;
export const MAX_DAILY_YEARS = 2;

const KNOWN = new Set<string>(KPI_IDS);

/**
 * The period rule of every query with `from`..`to`: `to` not before `from`, the span under
 * MAX_PERIOD_YEARS. Adds the issue at `to`; true when the period passed.
 */
export function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): boolean {
  if (q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `is before from (${q.from})` });
    return false;
  }
  if (q.to >= addYears(q.from, MAX_PERIOD_YEARS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the period may span at most ${MAX_PERIOD_YEARS} years`,
    });
    return false;
  }
  return true;
}

/** `ids=a,b`: a comma-separated list of catalog KPI ids → the ids, in the order given. */
const ZKpiIdList = z
  .string()
  .describe(
    `comma-separated KPI ids of the catalog (default: all), e.g. ${KPI_IDS[0]},${KPI_IDS[2]}`,
  )
  .transform((text, ctx): KpiId[] => {
    const ids = [
      ...new Set(
        text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = ids.filter((id) => !KNOWN.has(id));
    if (ids.length === 0) ctx.addIssue({ code: 'custom', message: 'names no KPI id' });
    for (const id of unknown) ctx.addIssue({ code: 'custom', message: `unknown KPI id "${id}"` });
    return ids as KpiId[];
  });

const ZName = z.string().trim().min(1).max(200);

/** The query of GET /api/v1/kpis: the same choices as `rapport kpi`. */
export const ZKpiQuery = ZPracticeQuery.extend({
  from: ZLocalDate.describe('first day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  to: ZLocalDate.describe('last day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  by: z.enum(GROUP_BY).optional().describe('split the results into groups'),
  profile: z
    .enum(PROFILES)
    .optional()
    .describe("benchmark profile for the bands (default: the practice's)"),
  service: ZName.optional().describe(
    "only this service's records (appointments, ratings, bookings, slots; surveys, payments and client sets through the clients' sessions of it)",
  ),
  therapist: ZName.optional().describe(
    "only this therapist's records (also availability, load and response times; surveys, payments and client sets through the clients' sessions with them)",
  ),
  ids: ZKpiIdList.optional(),
}).superRefine((q, ctx) => {
  if (checkPeriod(q, ctx) && q.by === 'day' && q.to >= addYears(q.from, MAX_DAILY_YEARS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `with by=day the period may span at most ${MAX_DAILY_YEARS} years`,
    });
  }
});
export type KpiQuery = z.output<typeof ZKpiQuery>;
