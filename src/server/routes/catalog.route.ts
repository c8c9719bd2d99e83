import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { KPI_IDS, KPI_META } from '../../metrics/kpi-meta/index.js';
import { ERROR_RESPONSES } from '../schemas/error-body.js';
import { ZKpiMeta } from '../schemas/kpi-meta.schema.js';
import type { RegisterRoute } from './route-deps.js';

export const ZCatalog = z.object({ kpis: z.array(ZKpiMeta) });

export const catalogRoute = createRoute({
  method: 'get',
  path: '/api/v1/catalog',
  summary: 'KPI catalog',
  description:
    'Every KPI in catalog order: name, unit, direction, bands per profile, help text, counterparts.',
  responses: {
    200: {
      description: 'The catalog',
      content: { 'application/json': { schema: ZCatalog } },
    },
    ...ERROR_RESPONSES,
  },
});

export const registerCatalogRoute: RegisterRoute = (app) => {
  const body = { kpis: KPI_IDS.map((id) => KPI_META[id]) };
  app.openapi(catalogRoute, (c) => c.json(body, 200));
};
