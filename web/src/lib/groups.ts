import { trendValue } from '../../../src/charts/trend-option';
import type { KpiDocument, KpiId, KpiResult } from '../api/api-types';

/** The month of a `by=month` group key ("2026-03" or "2026-03-01"). */
export const monthOfKey = (key: string) => key.slice(0, 7);

/** One KPI's results by month, in the order of `months` (missing months are undefined). */
export function monthlyResults(
  doc: KpiDocument | undefined,
  id: KpiId,
  months: string[],
): (KpiResult | undefined)[] {
  const byMonth = new Map((doc?.groups ?? []).map((g) => [monthOfKey(g.key), g.kpis[id]]));
  return months.map((m) => byMonth.get(m));
}

/** The figure a trend line draws (the rule of the shared chart builder). */
export { trendValue };

export const valuesOf = (results: (KpiResult | undefined)[]) => results.map(trendValue);

/** True when a KPI document holds no figure at all (an empty store, or an empty period). */
export function isEmptyDocument(doc: KpiDocument): boolean {
  return Object.values(doc.kpis).every((r) => !r || r.value === null);
}
