import { z } from 'zod';
import { PROFILES } from '../../model/practice.js';
import { BAND_LABELS, KPI_IDS, type KpiMeta } from '../../metrics/kpi-meta/index.js';

/** A KPI id of the catalog. */
export const ZKpiId = z.enum(KPI_IDS).meta({ id: 'KpiId' });

const ZBandRule = z.object({
  label: z.enum(BAND_LABELS),
  gte: z.number().optional(),
  gt: z.number().optional(),
  lte: z.number().optional(),
  lt: z.number().optional(),
});

const ZProfileBands = z.object({
  source: z.string(),
  period: z.enum(['month', 'quarter']).optional(),
  note: z.string().optional(),
  rules: z.array(ZBandRule),
});

/** The descriptive half of a catalog entry (src/metrics/kpi-meta), as the API shows it. */
export const ZKpiMeta = z
  .object({
    id: ZKpiId,
    name: z.string(),
    unit: z.enum(['percent', 'hours', 'minutes', 'score', 'currency']),
    direction: z.enum(['higher', 'lower', 'range']),
    target: z.object({ min: z.number(), max: z.number() }).optional(),
    bands: z.partialRecord(z.enum(PROFILES), ZProfileBands),
    help: z.object({
      oneLine: z
        .string()
        .describe("what the figure counts, in one line of a practice owner's words"),
      counts: z
        .object({ numerator: z.string(), denominator: z.string() })
        .describe('what the two halves of the figure count, in plain words'),
      differs: z
        .object({ from: ZKpiId, text: z.string() })
        .optional()
        .describe('how it differs from a look-alike KPI'),
      measures: z.string(),
      formula: z.string(),
      misses: z.string(),
      levers: z.array(z.string()),
    }),
    counterparts: z.array(ZKpiId),
    ourAddition: z.boolean(),
    guardrail: z.boolean(),
  })
  .meta({ id: 'KpiMeta' });

// The schema and the metrics type must describe the same thing: each must be assignable to the
// other, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof ZKpiMeta>, KpiMeta> = true;
