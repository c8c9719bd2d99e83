import { createRoute, z } from '@hono/zod-openapi';
import { kpiReportCsv } from '../../metrics/export/kpi-report-csv.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { clientAddress } from '../auth/client-address.js';
import { kpiReportOfQuery } from '../kpi-report-of-query.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZKpiExportQuery } from '../schemas/kpi-records.schema.js';
import { ZKpiReport } from '../schemas/kpi-report.schema.js';
import type { RegisterRoute } from './route-deps.js';
import { kpiFilterOf } from '../../metrics/engine/kpi-filter.js';

export const kpiExportRoute = createRoute({
  method: 'get',
  path: '/api/v1/exports/kpis',
  summary: 'The KPI report as a file',
  description:
    'The report of GET /api/v1/kpis for the same query, as a download: `format=csv` (default) one row per ' +
    'KPI × group (the whole period has an empty group) with value, unit, numerator, denominator, n, interval, ' +
    'band and status; `format=json` the very document of GET /api/v1/kpis and `rapport kpi --json`. The ' +
    'access rules of GET /api/v1/kpis apply (a clinician only their own therapist, a viewer practice-wide ' +
    'only); every export is written to the audit log (what and which range, never figures).',
  request: { query: ZKpiExportQuery },
  responses: {
    200: {
      description: 'The KPI report file',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: ZKpiReport },
      },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerKpiExportRoute: RegisterRoute = (app, store) => {
  app.openapi(kpiExportRoute, async (c) => {
    const query = c.req.valid('query');
    const { practice: practiceId, format, by } = query;
    const report = await kpiReportOfQuery(store, query);
    const filter = kpiFilterOf(query);
    await appendAudit(store.db, {
      practice_id: practiceId,
      actor: actorOf(grantOf(c)),
      action: 'export',
      target: 'kpis',
      details: {
        what: 'kpi_report',
        format,
        from: report.period.from,
        to: report.period.to,
        ...(by ? { by } : {}),
        ...(filter ? { filter } : {}),
      },
      address: clientAddress(c),
    });
    const name = `rapport-kpis-${report.period.from}-${report.period.to}${by ? `-by-${by}` : ''}`;
    if (format === 'json') {
      return c.body(`${JSON.stringify(report, null, 2)}\n`, 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.json"`,
      });
    }
    return c.body(kpiReportCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    });
  });
};
