import { z } from 'zod';
import { SIDES } from '../../metrics/drilldown/drill-plan.js';
import { ZKpiId } from './kpi-meta.schema.js';
import { checkPeriod, ZKpiQuery } from './kpi-query.js';
import { ZLocalDate } from './local-date.js';
import { ZPracticeQuery } from './practice-query.js';

/** Records per page of the drill-down: 50 by default, at most 500. */
export const RECORDS_PAGE = { default: 50, max: 500 } as const;

const ZName = z.string().trim().min(1).max(200);

/** The path of GET /api/v1/kpis/{id}/records. */
export const ZKpiRecordsParams = z.object({ id: ZKpiId });

/** The query of GET /api/v1/kpis/{id}/records. */
export const ZKpiRecordsQuery = ZPracticeQuery.extend({
  from: ZLocalDate.describe('first day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  to: ZLocalDate.describe('last day of the period (YYYY-MM-DD, practice zone, inclusive)'),
  side: z
    .enum(SIDES)
    .default('numerator')
    .describe('the records of the numerator (default) or of the denominator'),
  service: ZName.optional().describe("only this service's records, as in GET /api/v1/kpis"),
  therapist: ZName.optional().describe("only this therapist's records, as in GET /api/v1/kpis"),
  channel: ZName.optional().describe(
    "only records (clients) of this acquisition channel: the figure's by=channel group",
  ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(RECORDS_PAGE.max)
    .default(RECORDS_PAGE.default)
    .describe(`records per page (1..${RECORDS_PAGE.max})`),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'must be the next_cursor of the previous page')
    .optional()
    .describe("the previous page's next_cursor (absent: the first page)"),
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('csv: every record of the listing (no paging) as a CSV download'),
}).superRefine((q, ctx) => void checkPeriod(q, ctx));

const ZCell = z.union([z.string(), z.number(), z.null()]);

/** One page of the records behind one side of a KPI. */
export const ZKpiRecords = z
  .object({
    kpi: ZKpiId,
    side: z.enum(SIDES),
    records_of: z
      .string()
      .describe(
        'what is listed: appointments, bookings, availability, slots, ratings, surveys, payments, clients, response pairs, users, therapist-days or episodes',
      ),
    period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
    total: z.number().int().describe('records in the whole listing'),
    figure: z
      .number()
      .describe("the side's value as GET /api/v1/kpis reports it, from these very records"),
    columns: z
      .array(z.string())
      .describe(
        "record fields: pseudonymous ids as stored, local times (practice zone), the fields that decide membership, then each of the side's parts (1/0 for a count, the amount for a sum)",
      ),
    records: z.array(z.record(z.string(), ZCell)),
    next_cursor: z
      .string()
      .nullable()
      .describe('pass as cursor for the next page; null on the last'),
  })
  .meta({ id: 'KpiRecords' });

/** The query of GET /api/v1/exports/kpis: GET /api/v1/kpis's, and the file format. */
export const ZKpiExportQuery = ZKpiQuery.extend({
  format: z
    .enum(['csv', 'json'])
    .default('csv')
    .describe('csv: one row per KPI × group; json: the document of GET /api/v1/kpis'),
});
