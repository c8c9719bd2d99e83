import type { KpiReport } from '../metrics/engine/kpi-result.types.js';

/**
 * Computed KPI reports, kept per exact request and the practice's data version, so a dashboard
 * asking again for a period it has seen answers at once while any import, push or settings
 * change makes the next request compute afresh. Concurrent identical requests share one
 * computation; least recently used entries go first. `T`: the kind of report (KPI reports,
 * outcome reports).
 */
export function kpiReportCache<T = KpiReport>(max = 200) {
  const entries = new Map<string, Promise<T>>();
  return {
    get(key: string, compute: () => Promise<T>): Promise<T> {
      let hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      hit = compute();
      entries.set(key, hit);
      hit.catch(() => entries.delete(key));
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
      return hit;
    },
    get size() {
      return entries.size;
    },
  };
}
