import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AppError } from '../../model/app-error.js';
import { ZRole } from '../../model/role.js';
import { ZLogin, ZMembership } from '../../model/user.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { deleteSessionsOf } from '../../store/session.repository.js';
import {
  countOwners,
  findUserByLogin,
  listUsers,
  membershipIn,
  removeMembership,
  setMembership,
} from '../../store/user.repository.js';
import type { Store } from '../../store/database.js';
import type { RegisterRoute } from '../routes/route-deps.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import { AUTH_RESPONSES, ZOk, json } from './auth-schemas.js';
import { clientAddress } from './client-address.js';
import { actorOf, grantOf } from './grant.js';
import { firstIssueText } from '../../model/plain-issue.js';

export const ZUserView = z
  .object({
    user_id: z.string(),
    login: z.string(),
    display_name: z.string(),
    role: ZRole,
    therapist_id: z.string().nullable(),
    disabled: z.boolean(),
  })
  .meta({ id: 'UserView' });

const ZLoginParam = z.object({ login: ZLogin });
const ZRoleChange = z
  .object({ role: ZRole, therapist_id: z.string().min(1).nullable().default(null) })
  .meta({ id: 'RoleChange' });

export const usersRoute = createRoute({
  method: 'get',
  path: '/api/v1/users',
  summary: 'Users of the practice',
  description: 'Every user with a role in the practice, by login (owners only).',
  request: { query: ZPracticeQuery },
  responses: { 200: json('The users', z.array(ZUserView)), ...AUTH_RESPONSES },
});

export const roleRoute = createRoute({
  method: 'put',
  path: '/api/v1/users/{login}/role',
  summary: "Set a user's role",
  description:
    'Sets the role of an existing user in the practice (a clinician names their therapist id). ' +
    'The last owner cannot be demoted.',
  request: {
    query: ZPracticeQuery,
    params: ZLoginParam,
    body: { required: true, content: { 'application/json': { schema: ZRoleChange } } },
  },
  responses: {
    200: json('The user', ZUserView),
    ...AUTH_RESPONSES,
    404: json('No such user', z.unknown()),
    409: json('The last owner', z.unknown()),
  },
});

export const removeUserRoute = createRoute({
  method: 'delete',
  path: '/api/v1/users/{login}',
  summary: 'Remove a user from the practice',
  description: 'Removes the role and ends the user’s sessions. The last owner cannot be removed.',
  request: { query: ZPracticeQuery, params: ZLoginParam },
  responses: {
    200: json('Removed', ZOk),
    ...AUTH_RESPONSES,
    404: json('No such user', z.unknown()),
    409: json('The last owner', z.unknown()),
  },
});

async function userIn(store: Store, login: string, practice: string) {
  const u = await findUserByLogin(store.db, login);
  const m = u && (await membershipIn(store.db, u.user_id, practice));
  if (!u || !m) throw new AppError('NOT_FOUND', `no user "${login}" in practice ${practice}`);
  return { u, m };
}

export const registerUsersRoutes: RegisterRoute = (app, store) => {
  app.openapi(usersRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const rows = await listUsers(store.db, practice);
    return c.json(
      rows.map((u) => ({
        user_id: u.user_id,
        login: u.login,
        display_name: u.display_name,
        role: u.memberships[0]!.role,
        therapist_id: u.memberships[0]!.therapist_id,
        disabled: u.disabled_at !== null,
      })),
      200,
    );
  });

  app.openapi(roleRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const { login } = c.req.valid('param');
    const body = c.req.valid('json');
    const { u, m } = await userIn(store, login, practice);
    const next = ZMembership.safeParse({ practice_id: practice, ...body });
    if (!next.success) throw new AppError('BAD_INPUT', firstIssueText(next.error));
    if (
      m.role === 'owner' &&
      next.data.role !== 'owner' &&
      (await countOwners(store.db, practice)) <= 1
    ) {
      throw new AppError('CONFLICT', 'the practice would be left without an owner');
    }
    await setMembership(store.db, u.user_id, next.data);
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action: 'role_change',
      target: u.login,
      details: { from: m.role, to: next.data.role },
      address: clientAddress(c),
    });
    return c.json(
      {
        user_id: u.user_id,
        login: u.login,
        display_name: u.display_name,
        role: next.data.role,
        therapist_id: next.data.therapist_id,
        disabled: u.disabled_at !== null,
      },
      200,
    );
  });

  app.openapi(removeUserRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const { login } = c.req.valid('param');
    const { u, m } = await userIn(store, login, practice);
    if (m.role === 'owner' && (await countOwners(store.db, practice)) <= 1) {
      throw new AppError('CONFLICT', 'the practice would be left without an owner');
    }
    await removeMembership(store.db, u.user_id, practice);
    await deleteSessionsOf(store.db, u.user_id);
    await appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action: 'user_remove',
      target: u.login,
      address: clientAddress(c),
    });
    return c.json({ ok: true as const }, 200);
  });
};
