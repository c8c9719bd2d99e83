import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { RegisterRoute } from '../routes/route-deps.js';
import { json } from './auth-schemas.js';

export const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Health check',
  description: 'Answers without credentials and tells nothing about the data.',
  responses: { 200: json('Up', z.object({ status: z.literal('ok') })) },
});

export const registerHealthRoute: RegisterRoute = (app) => {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));
};
