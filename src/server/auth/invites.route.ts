import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AppError } from '../../model/app-error.js';
import { ZRole } from '../../model/role.js';
import { ZMembership } from '../../model/user.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { createInvite, findInvite, listInvites, useInvite } from '../../store/invite.repository.js';
import { createSession } from '../../store/session.repository.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import type { RegisterRoute } from '../routes/route-deps.js';
import { ZErrorBody } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import { AUTH_RESPONSES, ZInviteAccept, ZMe, json } from './auth-schemas.js';
import { clientAddress } from './client-address.js';
import { actorOf, grantOf } from './grant.js';
import { meView } from './me-view.js';
import { setSessionCookie } from './session-cookie.js';
import { firstIssueText } from '../../model/plain-issue.js';

export const ZInviteView = z
  .object({
    invite_id: z.string(),
    role: ZRole,
    therapist_id: z.string().nullable(),
    created_at: z.number().int(),
    expires_at: z.number().int(),
    used_at: z.number().int().nullable(),
  })
  .meta({ id: 'InviteView' });

const ZNewInvite = z
  .object({
    role: ZRole,
    therapist_id: z.string().min(1).nullable().default(null),
    expires_hours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(72),
  })
  .meta({ id: 'NewInvite' });

export const invitesRoute = createRoute({
  method: 'get',
  path: '/api/v1/invites',
  summary: 'Invites of the practice',
  description: 'Invites, newest first, without their secrets (owners only).',
  request: { query: ZPracticeQuery },
  responses: { 200: json('The invites', z.array(ZInviteView)), ...AUTH_RESPONSES },
});

export const createInviteRoute = createRoute({
  method: 'post',
  path: '/api/v1/invites',
  summary: 'Invite someone',
  description:
    'An invite link with a role and an expiry; whoever opens it chooses a login and password. ' +
    'The link is answered once; only its hash is stored.',
  request: {
    query: ZPracticeQuery,
    body: { required: true, content: { 'application/json': { schema: ZNewInvite } } },
  },
  responses: {
    200: json('The invite and its link', ZInviteView.extend({ link: z.string() })),
    ...AUTH_RESPONSES,
  },
});

export const acceptInviteRoute = createRoute({
  method: 'post',
  path: '/api/v1/invites/accept',
  summary: 'Accept an invite',
  description: 'Creates the user of an open invite with the invite’s role and signs them in.',
  request: { body: { required: true, content: { 'application/json': { schema: ZInviteAccept } } } },
  responses: {
    200: json('Signed in as the new user', ZMe),
    ...AUTH_RESPONSES,
    401: json('The invite is unknown, used or expired', ZErrorBody),
    409: json('The login is taken', ZErrorBody),
  },
});

export const registerInvitesRoutes: RegisterRoute = (app, store) => {
  app.openapi(invitesRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const rows = await listInvites(store.db, practice);
    return c.json(
      rows.map(({ practice_id: _, ...r }) => r),
      200,
    );
  });

  app.openapi(createInviteRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const body = c.req.valid('json');
    const m = ZMembership.safeParse({
      practice_id: practice,
      role: body.role,
      therapist_id: body.therapist_id,
    });
    if (!m.success) throw new AppError('BAD_INPUT', firstIssueText(m.error));
    const g = grantOf(c);
    const { secret, info } = await createInvite(
      store.db,
      m.data,
      g?.kind === 'session' ? g.userId : null,
      Date.now(),
      body.expires_hours * 3_600_000,
    );
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(g),
      action: 'invite_create',
      target: info.invite_id,
      details: { role: info.role },
      address: clientAddress(c),
    });
    const { practice_id: _, ...view } = info;
    const link = `${new URL(c.req.url).origin}/?invite=${encodeURIComponent(secret)}`;
    return c.json({ ...view, link }, 200);
  });

  app.openapi(acceptInviteRoute, async (c) => {
    const body = c.req.valid('json');
    const inv = await findInvite(store.db, body.invite);
    if (!inv) throw new AppError('UNAUTHORIZED', 'this invite is unknown, used already or expired');
    const user = await createUser(store.db, {
      login: body.login,
      display_name: body.display_name,
      password: body.password,
    });
    if (!(await useInvite(store.db, inv, user.user_id))) {
      throw new AppError('UNAUTHORIZED', 'this invite was used already');
    }
    await setMembership(store.db, user.user_id, {
      practice_id: inv.practice_id,
      role: inv.role,
      therapist_id: inv.therapist_id,
    });
    await appendAudit(store.db, {
      practice_id: inv.practice_id,
      actor: `user:${user.user_id}`,
      action: 'invite_accept',
      target: inv.invite_id,
      details: { role: inv.role, login: user.login },
      address: clientAddress(c),
    });
    const s = await createSession(store.db, user.user_id, inv.practice_id);
    setSessionCookie(c, s.sessionId, s.expiresAt);
    return c.json(
      await meView(store, user.user_id, s.sessionId, inv.practice_id, s.expiresAt),
      200,
    );
  });
};
