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

/** One client set of a side with its factor (retention's E − N: E with +1, N with −1). */
export interface SetTerm {
  output: string;
  part: string;
  factor: number;
}

/**
 * How one side's records are found, read off the catalog entry itself (never a second
 * definition): the rows of one source table that its additive parts count or sum; the members
 * of the client sets it counts (one set, or a difference of sets such as E − N, each member
 * with its share); the message → reply pairs it times; the users it counts as registered or
 * active; the therapist-days of the load; or the episodes of care of an outcome KPI.
 */
export type DrillPlan =
  | { kind: 'source'; source: string; parts: PlanPart[] }
  | { kind: 'clients'; terms: SetTerm[] }
  | { kind: 'pairs'; output: string; part: string; factor: number }
  | { kind: 'usage'; output: string; part: string }
  | { kind: 'load'; output: string; part: string }
  | { kind: 'episodes'; output: string; part: string }
  | { kind: 'none'; reason: string };

/** The users a platform-usage output counts: `active_clients` → active, clients. */
export const USAGE_OUTPUT = /^(active|registered)_(users|clients|therapists)$/;

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
  if (specials.some((x) => x.special !== special)) {
    return { kind: 'none', reason: `its ${side} mixes computations` };
  }
  if (special === 'client_sets') {
    return {
      kind: 'clients',
      terms: defs.map((d, i) => ({ output: specials[i]!.output, part: d.name, factor: d.factor })),
    };
  }
  const one = defs.length === 1 ? defs[0]! : null;
  const output = specials[0]!.output;
  if (special === 'response_times' && one) {
    return { kind: 'pairs', output, part: one.name, factor: one.factor };
  }
  if (one && one.factor === 1) {
    if (special === 'platform_usage' && USAGE_OUTPUT.test(output)) {
      return { kind: 'usage', output, part: one.name };
    }
    if (special === 'therapist_load') return { kind: 'load', output, part: one.name };
    if (special === 'outcomes') return { kind: 'episodes', output, part: one.name };
  }
  return { kind: 'none', reason: `its ${side} is computed (${special}), not counted from records` };
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
