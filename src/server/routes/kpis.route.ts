import { createRoute } from '@hono/zod-openapi';
import { computeKpis } from '../../metrics/engine/compute-kpis.js';
import { dataVersion } from '../../store/import-history.repository.js';
import { kpiReportCache } from '../kpi-report-cache.js';
import { getPractice } from '../../store/practice.repository.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZKpiQuery } from '../schemas/kpi-query.js';
import { ZKpiReport } from '../schemas/kpi-report.schema.js';
import type { RegisterRoute } from './route-deps.js';
import { kpiFilterOf } from '../../metrics/engine/kpi-filter.js';

export const kpisRoute = createRoute({
  method: 'get',
  path: '/api/v1/kpis',
  summary: 'KPIs for a period',
  description:
    'The document `rapport kpi --json` prints for the same choices: every KPI (or those of `ids`) ' +
    'over the local days `from`..`to` in the practice zone, with numerator, denominator, n, ' +
    'interval, band and status; with `by`, one group per day, week, month, quarter, year, therapist, service or ' +
    "channel. `service` and `therapist` restrict every KPI to that service's / therapist's " +
    "records (a filtered figure equals that value's group under `by=service` / `by=therapist`); " +
    'a KPI that cannot be restricted so is null with the reason.',
  request: { query: ZKpiQuery },
  responses: {
    200: {
      description: 'The KPI report',
      content: { 'application/json': { schema: ZKpiReport } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerKpisRoute: RegisterRoute = (app, store) => {
  const cache = kpiReportCache();
  app.openapi(kpisRoute, async (c) => {
    const {
      practice: practiceId,
      from,
      to,
      by,
      profile,
      ids,
      service,
      therapist,
    } = c.req.valid('query');
    await requireKnownPractice(store, practiceId);
    const filter = kpiFilterOf({ service, therapist });
    const [practice, version] = await Promise.all([
      getPractice(store.db, practiceId),
      dataVersion(store.db, practiceId),
    ]);
    // The practice's own profile, named or not, is one request (and one cache entry).
    const options = { from, to, by, profile: profile ?? practice.profile, ids, filter };
    const key = JSON.stringify([practiceId, version, options]);
    return c.json(await cache.get(key, () => computeKpis(store.db, practice, options)), 200);
  });
};
