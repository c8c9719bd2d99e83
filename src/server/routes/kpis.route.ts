import { createRoute } from '@hono/zod-openapi';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { kpiReportOfQuery } from '../kpi-report-of-query.js';
import { ZKpiQuery } from '../schemas/kpi-query.js';
import { ZKpiReport } from '../schemas/kpi-report.schema.js';
import type { RegisterRoute } from './route-deps.js';

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
  app.openapi(kpisRoute, async (c) =>
    c.json(await kpiReportOfQuery(store, c.req.valid('query')), 200),
  );
};
