import type { z } from '@hono/zod-openapi';
import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { kpiFilterOf } from '../metrics/engine/kpi-filter.js';
import type { KpiReport } from '../metrics/engine/kpi-result.types.js';
import type { Store } from '../store/database.js';
import { dataVersion } from '../store/import-history.repository.js';
import { getPractice } from '../store/practice.repository.js';
import { kpiReportCache } from './kpi-report-cache.js';
import { requireKnownPractice } from './known-practice.js';
import type { ZKpiQuery } from './schemas/kpi-query.js';

/** The query of GET /api/v1/kpis (the export's adds only its format). */
export type KpiReportQuery = z.infer<typeof ZKpiQuery>;

const caches = new WeakMap<Store, ReturnType<typeof kpiReportCache<KpiReport>>>();

/**
 * The KPI report a query asks for, through one cache per store: the dashboard's reads and the
 * downloads of the same report share one computation. A practice not in the store is 404.
 */
export async function kpiReportOfQuery(store: Store, query: KpiReportQuery): Promise<KpiReport> {
  const { practice: practiceId, from, to, by, profile, ids, service, therapist } = query;
  await requireKnownPractice(store, practiceId);
  const filter = kpiFilterOf({ service, therapist });
  const [practice, version] = await Promise.all([
    getPractice(store.db, practiceId),
    dataVersion(store.db, practiceId),
  ]);
  // The practice's own profile, named or not, is one request (and one cache entry).
  const options = { from, to, by, profile: profile ?? practice.profile, ids, filter };
  const key = JSON.stringify([practiceId, version, options]);
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = kpiReportCache<KpiReport>()));
  return cache.get(key, () => computeKpis(store.db, practice, options));
}
