import { z } from 'zod';
import { BAND_LABELS } from '../../metrics/kpi-meta/index.js';
import type { KpiReport } from '../../metrics/engine/kpi-result.types.js';
import { PROFILES } from '../../model/practice.js';
import { ZKpiId } from './kpi-meta.schema.js';

/** One KPI's figure (src/metrics/engine/kpi-result.types.ts), as the API shows it. */
export const ZKpiResult = z
  .object({
    value: z.number().nullable().describe('null when the denominator is zero (see reason)'),
    unit: z.enum(['percent', 'hours', 'minutes', 'score', 'currency']),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    n: z.number().describe('sample size'),
    ci: z
      .tuple([z.number(), z.number()])
      .nullable()
      .describe(
        '[low, high]: 95% Wilson score interval in the unit of value, for proportions only',
      ),
    band: z.enum(BAND_LABELS).nullable(),
    bandNote: z
      .string()
      .optional()
      .describe(
        'why band is null although the profile has a benchmark, e.g. "benchmark stated per quarter" for a month',
      ),
    status: z
      .enum(['ok', 'insufficient_data', 'no_data', 'no_source', 'suppressed'])
      .describe(
        'no_source: the store holds no record at all of the entity the KPI is built from (value and band null, reason says which): nothing was measured, which is not 0. suppressed: an outcome figure of 1–4 episodes (small-cell suppression): value, numerator, denominator and ci null, reason "fewer than 5 episodes"; read it like insufficient_data',
      ),
    reason: z.string().optional(),
    maturing: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('new clients left out because their cohort has not matured yet'),
    currency: z.string().optional().describe('ISO 4217 code of value for currency KPIs'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'KpiResult' });

const ZKpiResults = z.partialRecord(ZKpiId, ZKpiResult).meta({
  id: 'KpiResults',
  description: 'by KPI id, in catalog order (only the ids asked for)',
});

/** The document of `rapport kpi --json` (DESIGN.md), answered by GET /api/v1/kpis. */
export const ZKpiReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
    profile: z.enum(PROFILES),
    kpis: ZKpiResults,
    groups: z
      .array(z.object({ key: z.string(), kpis: ZKpiResults }))
      .optional()
      .describe(
        'with `by`: one entry per day, week, month, quarter or year (in order), or per therapist, service or channel',
      ),
  })
  .meta({ id: 'KpiReport' });

// The schema and the engine's type must describe the same document, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof ZKpiReport>, KpiReport> = true;
