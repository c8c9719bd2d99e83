import type { AdditivePart, KpiCompute } from '../catalog/catalog.types.js';
import { KPI_COMPUTATIONS } from '../catalog/kpi-computations.js';

/** The two sides of a KPI's formula whose records can be listed. */
export const SIDES = ['numerator', 'denominator'] as const;
export type Side = (typeof SIDES)[number];

/** One part of a side, under the KPI's own name for it, with its factor in the formula. */
export interface PlanPart {
  name: string;
  def: AdditivePart;
  factor: number;
}

/**
 * How one side's records are found, read off the catalog entry itself (never a second
 * definition): the rows of one source table that its additive parts count or sum, or the
 * members of the one client set it counts, or the message → reply pairs it times.
 */
export type DrillPlan =
  | { kind: 'source'; source: string; parts: PlanPart[] }
  | { kind: 'clients'; output: string; part: string }
  | { kind: 'pairs'; output: string; part: string; factor: number }
  | { kind: 'none'; reason: string };

const SPECIAL_REASONS: Record<string, string> = {
  platform_usage: 'its figure counts users with activity; activity users are not listed yet',
  therapist_load: 'its figure counts therapist-days; therapist-days are not listed yet',
};

/** The plan of one side of a computation. */
export function planOf(compute: KpiCompute, side: Side): DrillPlan {
  const terms = compute[side];
  const defs = terms.map((t) => ({
    name: t.part,
    def: compute.parts[t.part]!,
    factor: t.factor ?? 1,
  }));
  const specials = defs.flatMap((d) => ('special' in d.def ? [d.def] : []));
  if (specials.length === 0) {
    const additive = defs as PlanPart[];
    const sources = new Set(additive.map((d) => d.def.source));
    if (sources.size !== 1) return { kind: 'none', reason: `its ${side} reads several tables` };
    if (additive.some((d) => d.def.agg === 'countDistinct')) {
      return { kind: 'none', reason: `its ${side} counts distinct values, not records` };
    }
    return { kind: 'source', source: [...sources][0]!, parts: additive };
  }
  if (specials.length !== defs.length) {
    return { kind: 'none', reason: `its ${side} mixes records and computed sets` };
  }
  const special = specials[0]!.special;
  if (special === 'response_times' && defs.length === 1) {
    const d = defs[0]!;
    return { kind: 'pairs', output: specials[0]!.output, part: d.name, factor: d.factor };
  }
  if (special !== 'client_sets') {
    return {
      kind: 'none',
      reason:
        SPECIAL_REASONS[special] ??
        `its ${side} is computed (${special}), not counted from records`,
    };
  }
  if (defs.length !== 1 || defs[0]!.factor !== 1) {
    return {
      kind: 'none',
      reason: `its ${side} is a difference of client sets, not one set of clients`,
    };
  }
  return { kind: 'clients', output: specials[0]!.output, part: defs[0]!.name };
}

const BY_ID = new Map(KPI_COMPUTATIONS.map((c) => [c.id as string, c]));

/**
 * For each side of a KPI: null when its records can be listed, else why not. Pure (no store),
 * so the web can hide what the API would refuse.
 */
export function drillability(id: string): Record<Side, string | null> {
  const compute = BY_ID.get(id);
  if (!compute) return { numerator: 'unknown KPI', denominator: 'unknown KPI' };
  const reason = (side: Side) => {
    const p = planOf(compute, side);
    return p.kind === 'none' ? p.reason : null;
  };
  return { numerator: reason('numerator'), denominator: reason('denominator') };
}
