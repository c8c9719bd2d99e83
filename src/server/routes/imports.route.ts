import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { importRows } from '../../store/import-history.repository.js';
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

export const registerImportsRoute: RegisterRoute = (app, store) => {
  app.openapi(importsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    return c.json((await importRows(store.db, practice, 50)).map(toImportView), 200);
  });
};
