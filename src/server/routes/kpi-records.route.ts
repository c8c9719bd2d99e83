import { createRoute, z } from '@hono/zod-openapi';
import { listKpiRecords } from '../../metrics/drilldown/list-kpi-records.js';
import { kpiRecordsCsv } from '../../metrics/export/kpi-records-csv.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { getPractice } from '../../store/practice.repository.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { clientAddress } from '../auth/client-address.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES, ZErrorBody } from '../schemas/error-body.js';
import { ZKpiRecords, ZKpiRecordsParams, ZKpiRecordsQuery } from '../schemas/kpi-records.schema.js';
import type { RegisterRoute } from './route-deps.js';

export const kpiRecordsRoute = createRoute({
  method: 'get',
  path: '/api/v1/kpis/{id}/records',
  summary: 'The records behind a figure',
  description:
    "The appointments, bookings, slots, availability, ratings, surveys, payments, clients, users, therapist-days or episodes of care that make up one KPI's " +
    'numerator or denominator for the local days `from`..`to` and the same `service` / `therapist` filters as ' +
    'GET /api/v1/kpis (and `channel`, its by=channel group), read from the catalog definition the figure is ' +
    'computed from: `figure` equals that side of the KPI. Ids are the pseudonymous ids as stored, times local ' +
    'to the practice zone. Paged in a stable order (`limit`, `cursor`); `format=csv` downloads every record ' +
    "(written to the audit log). Retention's E − N lists the clients in exactly one of E and N with " +
    'their share (+1 or −1). A side not defined under the filter answers 422 with `details.code` ' +
    '`not_drillable` and the reason; an outcome side of fewer than 5 episodes 422 `suppressed`.',
  request: { params: ZKpiRecordsParams, query: ZKpiRecordsQuery },
  responses: {
    200: {
      description: 'One page of records (JSON), or every record (CSV)',
      content: {
        'application/json': { schema: ZKpiRecords },
        'text/csv': { schema: z.string() },
      },
    },
    422: {
      description:
        'This side of the KPI has no records to list (details.code `not_drillable`, or `suppressed`)',
      content: { 'application/json': { schema: ZErrorBody } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerKpiRecordsRoute: RegisterRoute = (app, store) => {
  app.openapi(kpiRecordsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireKnownPractice(store, q.practice);
    const practice = await getPractice(store.db, q.practice);
    const filter =
      q.service !== undefined || q.therapist !== undefined
        ? {
            ...(q.service !== undefined ? { service: q.service } : {}),
            ...(q.therapist !== undefined ? { therapist: q.therapist } : {}),
          }
        : undefined;
    const csv = q.format === 'csv';
    const list = await listKpiRecords(store.db, practice, {
      kpi: id,
      side: q.side,
      from: q.from,
      to: q.to,
      ...(filter ? { filter } : {}),
      ...(q.channel !== undefined ? { channel: q.channel } : {}),
      ...(csv ? {} : { limit: q.limit, offset: q.cursor === undefined ? 0 : Number(q.cursor) }),
    });
    if (csv) {
      await appendAudit(store.db, {
        practice_id: q.practice,
        actor: actorOf(grantOf(c)),
        action: 'export',
        target: id,
        details: {
          what: 'kpi_records',
          side: q.side,
          from: list.period.from,
          to: list.period.to,
          ...(filter ? { filter } : {}),
          ...(q.channel !== undefined ? { channel: q.channel } : {}),
          records: list.total,
        },
        address: clientAddress(c),
      });
      return c.body(kpiRecordsCsv(list), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${id}-${q.side}-${list.period.from}-${list.period.to}.csv"`,
      });
    }
    const { next_offset, ...rest } = list;
    return c.json({ ...rest, next_cursor: next_offset === null ? null : String(next_offset) }, 200);
  });
};
