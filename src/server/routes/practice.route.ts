import { createRoute } from '@hono/zod-openapi';
import { ZPractice } from '../../model/practice.js';
import { getPractice } from '../../store/practice.repository.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

export const practiceRoute = createRoute({
  method: 'get',
  path: '/api/v1/practice',
  summary: 'Practice settings',
  description: 'The settings KPIs are computed with; the defaults when never configured.',
  request: { query: ZPracticeQuery },
  responses: {
    200: {
      description: 'The practice settings',
      content: { 'application/json': { schema: ZPractice.meta({ id: 'Practice' }) } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerPracticeRoute: RegisterRoute = (app, store) => {
  app.openapi(practiceRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    return c.json(await getPractice(store.db, practice), 200);
  });
};
