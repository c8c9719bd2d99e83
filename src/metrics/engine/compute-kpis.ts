import { KPI_IDS, type KpiId } from '../kpi-meta/kpi-meta.types.js';
import type { Practice, Profile } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { getCatalog } from '../catalog/catalog.js';
import type { CatalogEntry, GroupBy } from '../catalog/catalog.types.js';
import { bucketsOf, isBucketSize } from '../periods/buckets.js';
import { makePeriod, type Period } from '../periods/period.js';
import { collectParts, type CollectedParts } from './collect-parts.js';
import { partSig } from './part-sig.js';
import { rollupsForRead } from '../rollups/refresh-rollups.js';
import { evaluateKpi, figureless, type EvalContext } from './evaluate-kpi.js';
import { TOTAL, type Grouping } from './grouping.js';
import { kpiDetails } from './kpi-details.js';
import { filterTerms, type FilterTerm, type KpiFilter } from './kpi-filter.js';
import type { KpiReport, KpiResult, KpiResults } from './kpi-result.types.js';
import { absentSources, markNoSource } from './source-presence.js';

/**
 * What the parts say beyond the formula: an outcome figure of 1–4 episodes is suppressed
 * (small cells, kpi-spec "Outcomes": also practice-wide, since a small practice's whole can be
 * one therapist's clients); a numerator that subtracts (E − N) is no figure when
 * the denominator is zero (it would read as a negative count); a cohort KPI reports the new
 * clients left out as still maturing, and with all of them maturing it is insufficient data,
 * not a drop to a low figure.
 */
export function settle(
  entry: CatalogEntry,
  parts: Map<string, number>,
  result: KpiResult,
): KpiResult {
  const c = entry.compute;
  let out = result;
  const den = out.denominator ?? 0;
  if (c.suppressBelow !== undefined && den >= 1 && den < c.suppressBelow) {
    return suppressed(out, c.suppressBelow);
  }
  if (out.denominator === 0 && c.numerator.some((t) => (t.factor ?? 1) < 0)) {
    out = { ...out, numerator: null };
  }
  if (c.maturingOf !== undefined) {
    const all = parts.get(c.maturingOf) ?? 0;
    const maturing = Math.max(0, all - (out.denominator ?? 0));
    out = { ...out, maturing };
    if (all > 0 && maturing === all) {
      out = {
        ...out,
        status: 'insufficient_data',
        reason: `all ${all} new clients are still maturing`,
      };
    }
  }
  return out;
}

/** Small-cell suppression: no figure, no counts, only "fewer than N episodes". */
export const suppressed = (result: KpiResult, below: number): KpiResult => ({
  ...figureless(result, 'suppressed', `fewer than ${below} episodes`),
});

export interface ComputeOptions {
  /** First local day (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last local day (YYYY-MM-DD), inclusive. */
  to: string;
  /** IANA zone overriding the practice's for this computation. */
  timezone?: string;
  by?: GroupBy;
  profile?: Profile;
  ids?: readonly KpiId[];
  /** Only the records of this service / therapist (see kpi-filter.ts for what each KPI keeps). */
  filter?: KpiFilter;
  /**
   * Read the rollups (default), rebuilding them first when the data changed since, or reading
   * the records while a rebuild runs or right after one (see rollupsForRead); false reads the
   * records themselves. Both give the same figures.
   */
  rollups?: boolean;
  /** The current instant (epoch ms; default the clock): caps the end of the data for cohorts. */
  now?: number;
}

/** The grouping of a report: calendar buckets (day … year), a dimension otherwise. */
export function groupingFor(period: Period, by?: GroupBy): Grouping {
  const whole = [{ key: TOTAL, start: period.start, end: period.end }];
  if (isBucketSize(by)) return { kind: 'time', buckets: bucketsOf(period, by) };
  if (by) return { kind: 'dim', dim: by, buckets: whole };
  return { kind: 'none', buckets: whole };
}

/** Each entry's parts as [local name, signature], worked out once per catalog entry. */
const sigsOf = new WeakMap<CatalogEntry, [string, string][]>();

/**
 * A KPI's parts for one group, under the KPI's own part names; a per-currency KPI also gets
 * `name@CUR` for each currency of the group (the only readers of those keys).
 */
export function localParts(entry: CatalogEntry, values: Map<string, number> | undefined) {
  let sigs = sigsOf.get(entry);
  if (!sigs) {
    sigs = Object.entries(entry.compute.parts).map(([name, def]) => [name, partSig(def)]);
    sigsOf.set(entry, sigs);
  }
  const out = new Map<string, number>();
  for (const [name, sig] of sigs) {
    out.set(name, values?.get(sig) ?? 0);
    if (!entry.compute.perCurrency) continue;
    for (const [k, v] of values ?? []) {
      if (k.startsWith(`${sig}@`)) out.set(`${name}${k.slice(sig.length)}`, v);
    }
  }
  return out;
}

/** The dimension of the filter the KPI cannot honour, if any. */
function unfilterable(entry: CatalogEntry, collected: CollectedParts, filters: FilterTerm[]) {
  const undefinedFor = filters.find((f) => entry.compute.undefinedPer?.includes(f.dim));
  if (undefinedFor) return undefinedFor.dim;
  for (const d of Object.values(entry.compute.parts)) {
    const dim = collected.unfilterable.get('special' in d ? d.special : d.source);
    if (dim) return dim;
  }
  return undefined;
}

function unsplittable(entry: CatalogEntry, collected: CollectedParts): boolean {
  return Object.values(entry.compute.parts).some((d) =>
    collected.unsplittable.has('special' in d ? d.special : d.source),
  );
}

/**
 * Computes the KPIs of the catalog for the period (practice time zone unless overridden), the
 * whole period in `kpis` and, with `by`, one entry per group (months/weeks in order, other
 * groups sorted by key — never ranked by value). A bounded number of SQL statements: one per
 * source family and special computation, whatever the number of groups.
 */
export async function computeKpis(
  db: Db,
  practice: Practice,
  options: ComputeOptions,
): Promise<KpiReport> {
  const period = makePeriod(options.from, options.to, options.timezone ?? practice.timezone);
  const profile = options.profile ?? practice.profile;
  const catalog = getCatalog();
  const ids = options.ids ?? KPI_IDS;
  const entries = ids.map((id) => catalog[id]);
  const grouping = groupingFor(period, options.by);
  const filters = filterTerms(options.filter);
  const rollupZone = options.rollups === false ? null : await rollupsForRead(db, practice);
  const collected = await collectParts(
    db,
    practice,
    entries,
    grouping,
    period,
    filters,
    rollupZone,
    options.now,
  );
  const days = Math.round((period.end - period.start) / 86_400_000);
  const evaluate = (group: string, periodDays: number): KpiResults => {
    const ctx: EvalContext = {
      profile,
      minSample: practice.min_sample,
      currency: practice.currency,
      periodDays,
    };
    const results: KpiResults = {};
    for (const entry of entries) {
      const unfit = unfilterable(entry, collected, filters);
      if (unfit) {
        results[entry.id] = evaluateKpi(entry, null, ctx, `not defined for one ${unfit}`);
        continue;
      }
      const dimGroup = group !== TOTAL && grouping.kind === 'dim';
      if (
        dimGroup &&
        (unsplittable(entry, collected) || entry.compute.undefinedPer?.includes(grouping.dim))
      ) {
        results[entry.id] = evaluateKpi(entry, null, ctx, `not defined per ${grouping.dim}`);
        continue;
      }
      const parts = localParts(entry, collected.values.get(group));
      const result = settle(entry, parts, evaluateKpi(entry, parts, ctx));
      const details = kpiDetails(entry, parts, collected, group);
      results[entry.id] = details ? { ...result, details } : result;
    }
    return results;
  };
  const report: KpiReport = {
    period: { from: period.from, to: period.to, timezone: period.timezone },
    profile,
    kpis: evaluate(TOTAL, days),
  };
  if (grouping.kind === 'time') {
    report.groups = grouping.buckets.map((b) => ({
      key: b.key,
      kpis: evaluate(b.key, Math.round((b.end - b.start) / 86_400_000)),
    }));
  } else if (grouping.kind === 'dim') {
    const keys = [...collected.values.keys()].filter((k) => k !== TOTAL).sort();
    report.groups = keys.map((key) => ({ key, kpis: evaluate(key, days) }));
  }
  return markNoSource(report, await absentSources(db, practice.practice_id, ids));
}
