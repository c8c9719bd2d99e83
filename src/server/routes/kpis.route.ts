import { createRoute } from '@hono/zod-openapi';
import { computeKpis } from '../../metrics/engine/compute-kpis.js';
import { AppError } from '../../model/app-error.js';
import { getPractice } from '../../store/practice.repository.js';
import { ERROR_RESPONSES } from '../schemas/error-body.js';
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
    'interval, band and status; with `by`, one group per month, week, therapist, service or ' +
    'channel. The `service` and `therapist` filters are not supported yet (400).',
  request: { query: ZKpiQuery },
  responses: {
    200: {
      description: 'The KPI report',
      content: { 'application/json': { schema: ZKpiReport } },
    },
    ...ERROR_RESPONSES,
  },
});

export const registerKpisRoute: RegisterRoute = (app, store) => {
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
    // The engine takes no row filters yet: refuse rather than answer unfiltered figures.
    const filters = Object.entries({ service, therapist }).filter(([, v]) => v !== undefined);
    if (filters.length > 0) {
      throw new AppError(
        'BAD_INPUT',
        `${filters.map(([k]) => k).join(', ')}: filter not supported yet`,
        {
          issues: filters.map(([path]) => ({ path, message: 'filter not supported yet' })),
        },
      );
    }
    const practice = await getPractice(store.db, practiceId);
    return c.json(await computeKpis(store.db, practice, { from, to, by, profile, ids }), 200);
  });
};
