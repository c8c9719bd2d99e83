import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../model/app-error.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { replaceReportSubscriptions } from '../../store/report-subscription.repository.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { requireKnownPractice } from '../known-practice.js';
import { resolveSubscription, subscriptionViews } from '../report/report-subscriptions.js';
import { PRACTICE_RESPONSES, ZErrorBody } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import {
  ZReportSubscriptions,
  ZReportSubscriptionsPut,
} from '../schemas/report-subscription.schema.js';
import type { RegisterRoute } from './route-deps.js';

const PATH = '/api/v1/report-subscriptions';

export const listReportSubscriptionsRoute = createRoute({
  method: 'get',
  path: PATH,
  summary: 'Who receives the monthly report by e-mail',
  description:
    'The users of the practice the monthly report PDF is e-mailed to on the 1st of each month ' +
    '(the schedule of `rapport serve`), each with the report (the practice, or one therapist ' +
    'beside it) and the paper size.',
  request: { query: ZPracticeQuery },
  responses: {
    200: {
      description: 'The subscribers, by login',
      content: { 'application/json': { schema: ZReportSubscriptions } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const putReportSubscriptionsRoute = createRoute({
  method: 'put',
  path: PATH,
  summary: 'Choose who receives the monthly report by e-mail',
  description:
    'Replaces the list of subscribers. Each must be a user of the practice; a clinician ' +
    "receives only their own therapist's report, a viewer only the practice's. Written to the " +
    'audit log.',
  request: {
    query: ZPracticeQuery,
    body: { required: true, content: { 'application/json': { schema: ZReportSubscriptionsPut } } },
  },
  responses: {
    200: {
      description: 'The subscribers now',
      content: { 'application/json': { schema: ZReportSubscriptions } },
    },
    ...PRACTICE_RESPONSES,
    404: {
      description: 'No such practice, or no such user or therapist in it',
      content: { 'application/json': { schema: ZErrorBody } },
    },
  },
});

export const registerReportSubscriptionsRoutes: RegisterRoute = (app, store) => {
  app.openapi(listReportSubscriptionsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    return c.json({ subscriptions: await subscriptionViews(store.db, practice) }, 200);
  });

  app.openapi(putReportSubscriptionsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    const { subscriptions } = c.req.valid('json');
    const logins = subscriptions.map((s) => s.login);
    const twice = logins.find((l, i) => logins.indexOf(l) !== i);
    if (twice) throw new AppError('BAD_INPUT', `${twice} is listed twice`);
    const subs = [];
    for (const s of subscriptions) subs.push(await resolveSubscription(store.db, practice, s));
    await replaceReportSubscriptions(store.db, practice, subs);
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action: 'report_subscription_change',
      target: 'report',
      details: { subscribers: logins },
      address: clientAddress(c),
    });
    return c.json({ subscriptions: await subscriptionViews(store.db, practice) }, 200);
  });
};
