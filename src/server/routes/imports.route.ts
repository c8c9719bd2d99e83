import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError } from '../../model/app-error.js';
import { importRow, importRows } from '../../store/import-history.repository.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZImportView, toImportView } from '../schemas/import-view.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

export const importsRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports',
  summary: 'Recent imports',
  description: 'The last 50 imports of the practice, newest first.',
  request: { query: ZPracticeQuery },
  responses: {
    200: {
      description: 'The imports',
      content: { 'application/json': { schema: z.array(ZImportView) } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const importReportRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/{id}/report',
  summary: 'The issue report of an import',
  description:
    'The full report of one import as CSV (severity, file, line, column, code, reason), as ' +
    '`rapport import` writes it. 404 when the import had no issue or its report file is gone.',
  request: { query: ZPracticeQuery, params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } },
    ...PRACTICE_RESPONSES,
  },
});

export const registerImportsRoute: RegisterRoute = (app, store) => {
  app.openapi(importReportRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const { id } = c.req.valid('param');
    await requireKnownPractice(store, practice);
    const row = await importRow(store.db, practice, id);
    if (!row) throw new AppError('NOT_FOUND', `no import "${id}" in practice ${practice}`);
    if (row.report_path === null || !existsSync(row.report_path)) {
      throw new AppError('NOT_FOUND', `import "${id}" has no report file`);
    }
    const stream = Readable.toWeb(createReadStream(row.report_path)) as ReadableStream;
    return new Response(stream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${id}-report.csv"`,
      },
    }) as never;
  });

  app.openapi(importsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    return c.json((await importRows(store.db, practice, 50)).map(toImportView), 200);
  });
};
