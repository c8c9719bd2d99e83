import type { Profile } from '../../model/practice.js';
import { fromMinorUnits } from '../../model/money.js';
import { bandFor } from '../kpi-meta/index.js';
import type { CatalogEntry, Term } from '../catalog/catalog.types.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { KpiResult } from './kpi-result.types.js';

/** What a KPI is evaluated with, besides its parts. */
export interface EvalContext {
  profile: Profile;
  minSample: number;
  currency: string;
  /** Days in the period, to tell whether a benchmark stated per month/quarter applies. */
  periodDays: number;
}

/** A result with no figure at all (nothing to measure, or not defined here), and why. */
export function figureless(
  base: Pick<KpiResult, 'unit' | 'currency'>,
  status: KpiResult['status'],
  reason: string,
): KpiResult {
  return {
    unit: base.unit,
    ...(base.currency ? { currency: base.currency } : {}),
    value: null,
    numerator: null,
    denominator: null,
    n: 0,
    ci: null,
    band: null,
    status,
    reason,
  };
}

/** Rounds away floating-point noise (6 decimals). */
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

const sumTerms = (terms: Term[], parts: Map<string, number>, suffix = '') =>
  terms.reduce((acc, t) => acc + (t.factor ?? 1) * (parts.get(t.part + suffix) ?? 0), 0);

/** Days a period may last to count as a month or a quarter (calendar quarters are 90–92 days). */
const PERIOD_DAYS = { month: [28, 31], quarter: [89, 92] } as const;

/**
 * Derives a KPI result from its parts: value = scale × Σnum / Σden, null with the KPI's reason
 * when the denominator is 0; insufficient_data below the practice's minimum sample; a band
 * only for an `ok` result whose benchmark applies (currency KPIs: benchmarks are in USD; a
 * benchmark stated per month or quarter only for a period of that length).
 */
export function evaluateKpi(
  entry: CatalogEntry,
  parts: Map<string, number> | null,
  ctx: EvalContext,
  unavailable?: string,
): KpiResult {
  const c = entry.compute;
  const base = { unit: c.unit, ...(c.perCurrency ? { currency: ctx.currency } : {}) };
  if (!parts) return figureless(base, 'no_data', unavailable ?? c.emptyReason);
  const suffix = c.perCurrency ? `@${ctx.currency}` : '';
  const nLocal = c.n ?? c.denominator[0]!.part;
  const n = parts.get(nLocal) ?? 0;
  let numerator = sumTerms(c.numerator, parts, suffix);
  const denominator = sumTerms(c.denominator, parts);
  if (c.perCurrency) numerator = fromMinorUnits(numerator, ctx.currency);
  // Built property by property in a fixed order, never by spreading: this runs for every KPI of
  // every group (tens of thousands by therapist), where copying objects cost most of the time.
  const result = { unit: c.unit } as KpiResult;
  if (c.perCurrency) result.currency = ctx.currency;
  result.value = null;
  result.numerator = round6(numerator);
  result.denominator = round6(denominator);
  result.n = n;
  result.ci = null;
  result.band = null;
  result.status = 'no_data';
  if (!(denominator > 0)) {
    result.reason = c.emptyReason;
    return result;
  }
  // Clients served but nothing paid is a measured 0 (the store has payments, or the KPI would be
  // no_source); only payments all in other currencies leave the practice currency without a
  // figure, since summing across currencies is never done.
  if (
    c.perCurrency &&
    (parts.get(`payments${suffix}`) ?? 0) === 0 &&
    [...parts.keys()].some((k) => k.startsWith('payments@'))
  ) {
    result.reason = `no payments in ${ctx.currency} in period (other currencies: see details.byCurrency)`;
    return result;
  }
  const value = round6((c.scale * numerator) / denominator);
  result.value = value;
  if (c.interval === 'wilson') {
    const ci = wilsonInterval(numerator, denominator);
    result.ci = ci ? [round6(ci[0] * c.scale), round6(ci[1] * c.scale)] : null;
  }
  if (n < ctx.minSample) {
    result.status = 'insufficient_data';
    result.reason = `n = ${n} is below the minimum sample of ${ctx.minSample}`;
    return result;
  }
  result.status = 'ok';
  const note = bandNoteFor(entry, ctx);
  if (note) {
    result.bandNote = note;
    return result;
  }
  result.band = bandFor(value, entry, ctx.profile);
  return result;
}

/**
 * Why the profile's benchmark does not apply to this period, or undefined when it does (or when
 * there is no benchmark at all): currency benchmarks are stated in USD; a benchmark stated per
 * month or quarter holds only for a period of that length (spec: "Benchmarks have a period
 * length").
 */
export function bandNoteFor(entry: CatalogEntry, ctx: EvalContext): string | undefined {
  const bands = entry.bands[ctx.profile];
  if (!bands || bands.rules.length === 0) return undefined;
  if (entry.compute.perCurrency && ctx.currency !== 'USD') return 'benchmark stated in USD';
  if (bands.period) {
    const [lo, hi] = PERIOD_DAYS[bands.period];
    if (ctx.periodDays < lo || ctx.periodDays > hi) return `benchmark stated per ${bands.period}`;
  }
  return undefined;
}
