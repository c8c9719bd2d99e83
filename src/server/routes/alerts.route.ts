import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { KPI_IDS } from '../../metrics/kpi-meta/kpi-meta.types.js';
import { AppError } from '../../model/app-error.js';
import {
  ZAlertCondition,
  ZAlertNotification,
  ZNewAlertRule,
  type AlertRule,
} from '../../model/alert-rule.js';
import {
  createAlertRule,
  deleteAlertRule,
  listAlertEvents,
  listAlertRules,
  listAlertStates,
  listDeliveries,
} from '../../store/alert.repository.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { AUTH_RESPONSES, ZOk, json } from '../auth/auth-schemas.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

/** A channel as shown back: a webhook's secret never leaves the server. */
const ZChannelView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: z.string() }),
  z.object({ kind: z.literal('email'), to: z.array(z.string()) }),
  z.object({ kind: z.literal('user_email') }),
]);

export const ZAlertRuleView = z
  .object({
    rule_id: z.string(),
    name: z.string(),
    condition: ZAlertCondition,
    recipients: z.array(z.string()),
    channels: z.array(ZChannelView),
    created_at: z.number().int(),
  })
  .meta({ id: 'AlertRuleView' });

const ZDeliveryView = z
  .object({
    delivery_id: z.string(),
    event_id: z.string(),
    channel: z.string().describe('webhook or email'),
    target: z.string().describe('the webhook URL or the e-mail address'),
    status: z.enum(['pending', 'success', 'failed']),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        at: z.number().int(),
        ok: z.boolean(),
        status_code: z.number().int().nullable().describe('HTTP status or SMTP reply code'),
        error: z.string().nullable(),
      }),
    ),
    created_at: z.number().int(),
    finished_at: z.number().int().nullable(),
  })
  .meta({ id: 'DeliveryView' });

export const ruleView = ({ practice_id: _, ...r }: AlertRule) => ({
  ...r,
  channels: r.channels.map((ch) => (ch.kind === 'webhook' ? { kind: ch.kind, url: ch.url } : ch)),
});

const ZRuleIdParam = z.object({ id: z.string().min(1).max(40) });

export const alertRulesRoute = createRoute({
  method: 'get',
  path: '/api/v1/alert-rules',
  summary: 'Alert rules of the practice',
  description:
    'Every rule with its condition, noise guards, recipients and channels (owners and admins).',
  request: { query: ZPracticeQuery },
  responses: { 200: json('The rules', z.array(ZAlertRuleView)), ...AUTH_RESPONSES },
});

export const createAlertRuleRoute = createRoute({
  method: 'post',
  path: '/api/v1/alert-rules',
  summary: 'Add an alert rule',
  description:
    'A rule is judged on every evaluation (the server’s schedule or `rapport alerts run`). It ' +
    'fires after `consecutive` periods in a row and resolves once back inside by ' +
    '`recovery_margin`; each change is sent once to each channel. A webhook receives an ' +
    '`AlertNotification` as its JSON body, signed in `X-Rapport-Signature: sha256=<hex ' +
    'HMAC-SHA-256 of the body with the secret>`, retried with exponential backoff.',
  request: {
    query: ZPracticeQuery,
    body: { required: true, content: { 'application/json': { schema: ZNewAlertRule } } },
  },
  responses: { 200: json('The rule', ZAlertRuleView), ...AUTH_RESPONSES },
});

export const deleteAlertRuleRoute = createRoute({
  method: 'delete',
  path: '/api/v1/alert-rules/{id}',
  summary: 'Remove an alert rule',
  description: 'Removes the rule and its state; its past events and deliveries stay in the log.',
  request: { query: ZPracticeQuery, params: ZRuleIdParam },
  responses: {
    200: json('Removed', ZOk),
    ...AUTH_RESPONSES,
    404: json('No such rule', z.unknown()),
  },
});

export const alertEventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/alert-events',
  summary: 'Alert state changes',
  description:
    'State changes of the practice’s rules since `since`, oldest first (the newest `limit` ' +
    'of them): each item is exactly the JSON body its webhooks received.',
  request: {
    query: ZPracticeQuery.extend({
      since: z.coerce.number().int().min(0).default(0).describe('epoch ms'),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(5000)
        .default(1000)
        .describe('at most this many, the newest'),
    }),
  },
  responses: { 200: json('The events', z.array(ZAlertNotification)), ...AUTH_RESPONSES },
});

export const deliveriesRoute = createRoute({
  method: 'get',
  path: '/api/v1/deliveries',
  summary: 'Delivery log',
  description:
    'Webhook and e-mail deliveries, newest first, each with every attempt and its status.',
  request: {
    query: ZPracticeQuery.extend({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(200)
        .describe('at most this many deliveries, the newest'),
    }),
  },
  responses: { 200: json('The deliveries', z.array(ZDeliveryView)), ...AUTH_RESPONSES },
});

const ZAlertStateView = z
  .object({
    rule_id: z.string(),
    subject: z.string().describe('practice, service:KEY, channel:KEY, therapist:ID or target:ID'),
    state: z.enum(['firing', 'ok']),
    last_period: z.string().nullable().describe('the last period judged'),
    since_period: z
      .string()
      .nullable()
      .describe('the period of the change into this state; null: ok since the rule was added'),
    since_at: z.number().int().nullable().describe('when that change was claimed (epoch ms)'),
  })
  .meta({ id: 'AlertStateView' });

export const alertStateRoute = createRoute({
  method: 'get',
  path: '/api/v1/alert-state',
  summary: 'Current state of each alert subject',
  description:
    'For every rule × subject judged so far: firing or ok, and since which period. A subject ' +
    'not listed has not been judged yet (no evaluation since the rule was added).',
  request: { query: ZPracticeQuery },
  responses: { 200: json('The states', z.array(ZAlertStateView)), ...AUTH_RESPONSES },
});

export const registerAlertsRoutes: RegisterRoute = (app, store) => {
  app.openapi(alertRulesRoute, async (c) => {
    const { practice } = c.req.valid('query');
    return c.json((await listAlertRules(store.db, practice)).map(ruleView), 200);
  });

  app.openapi(createAlertRuleRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const body = c.req.valid('json');
    const cond = body.condition;
    if (cond.type === 'kpi_band' && !(KPI_IDS as readonly string[]).includes(cond.kpi)) {
      throw new AppError('BAD_INPUT', `unknown KPI "${cond.kpi}"`, { known: KPI_IDS });
    }
    const rule = await createAlertRule(store.db, practice, body);
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action: 'alert_rule_create',
      target: rule.rule_id,
      details: { type: rule.condition.type, channels: rule.channels.map((ch) => ch.kind) },
      address: clientAddress(c),
    });
    return c.json(ruleView(rule), 200);
  });

  app.openapi(deleteAlertRuleRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const { id } = c.req.valid('param');
    if (!(await deleteAlertRule(store.db, practice, id))) {
      throw new AppError('NOT_FOUND', `no alert rule "${id}" in practice ${practice}`);
    }
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action: 'alert_rule_delete',
      target: id,
      details: {},
      address: clientAddress(c),
    });
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(alertEventsRoute, async (c) => {
    const { practice, since, limit } = c.req.valid('query');
    const rows = await listAlertEvents(store.db, practice, since, limit);
    return c.json(
      rows.map((r) => ZAlertNotification.parse({ ...(r.payload as object), event_id: r.event_id })),
      200,
    );
  });

  app.openapi(deliveriesRoute, async (c) => {
    const { practice, limit } = c.req.valid('query');
    return c.json(await listDeliveries(store.db, practice, limit), 200);
  });

  app.openapi(alertStateRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const rows = await listAlertStates(store.db, practice);
    return c.json(
      rows.map((r) => ({
        ...r,
        state: r.state === 'firing' ? ('firing' as const) : ('ok' as const),
      })),
      200,
    );
  });
};
