import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AUDIT_ACTIONS, listAudit } from '../../store/audit-log.repository.js';
import type { RegisterRoute } from '../routes/route-deps.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import { AUTH_RESPONSES, json } from './auth-schemas.js';

export const ZAuditEntry = z
  .object({
    entry_id: z.string(),
    at: z.number().int(),
    practice_id: z.string().nullable(),
    actor: z.string(),
    actor_login: z
      .string()
      .nullable()
      .describe('the login of a `user:<id>` actor, so a reader sees who; null for others'),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    address: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  summary: 'Audit log',
  description:
    'The practice’s audit log, newest first (owners only). Append-only: no route edits or deletes an entry.',
  request: {
    query: ZPracticeQuery.extend({
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: { 200: json('The entries', z.array(ZAuditEntry)), ...AUTH_RESPONSES },
});

export const registerAuditRoute: RegisterRoute = (app, store) => {
  app.openapi(auditRoute, async (c) => {
    const { practice, limit } = c.req.valid('query');
    const entries = await listAudit(store.db, { practiceId: practice, limit });
    const ids = [
      ...new Set(entries.filter((e) => e.actor.startsWith('user:')).map((e) => e.actor.slice(5))),
    ];
    const logins = new Map<string, string>();
    if (ids.length > 0) {
      const rows = await store.db
        .selectFrom('users')
        .select(['user_id', 'login'])
        .where('user_id', 'in', ids)
        .execute();
      for (const r of rows) logins.set(`user:${r.user_id}`, r.login);
    }
    return c.json(
      entries.map((e) => ({ ...e, actor_login: logins.get(e.actor) ?? null })),
      200,
    );
  });
};
