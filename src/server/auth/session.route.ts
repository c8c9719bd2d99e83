import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../model/app-error.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import type { Store } from '../../store/database.js';
import {
  consumeSignInCode,
  createSession,
  deleteSession,
  findSession,
} from '../../store/session.repository.js';
import { checkPassword, getUser, membershipsOf } from '../../store/user.repository.js';
import type { RegisterRoute } from '../routes/route-deps.js';
import { AUTH_RESPONSES, ZCodeSignIn, ZMe, ZOk, ZSignIn, json } from './auth-schemas.js';
import { clientAddress } from './client-address.js';
import { grantOf } from './grant.js';
import { meView } from './me-view.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { signInLimiter } from './sign-in-limiter.js';
import { ZErrorBody } from '../schemas/error-body.js';

const signInResponses = {
  200: json('Signed in: the session cookie is set', ZMe),
  ...AUTH_RESPONSES,
  401: json('Wrong login or password, or a code that is unknown, used or expired', ZErrorBody),
  429: json('Too many failed sign-ins for this login from this address; wait', ZErrorBody),
};

export const signInRoute = createRoute({
  method: 'post',
  path: '/api/v1/session',
  summary: 'Sign in',
  description:
    'Checks login and password (argon2id) and opens a session: an HttpOnly, SameSite=Strict ' +
    'cookie (Secure over HTTPS). Five failures per login and address in 15 minutes answer 429.',
  request: { body: { required: true, content: { 'application/json': { schema: ZSignIn } } } },
  responses: signInResponses,
});

export const codeSignInRoute = createRoute({
  method: 'post',
  path: '/api/v1/session/code',
  summary: 'Sign in with a one-time code',
  description:
    'The code of a one-time link (`/?code=…`, printed by `rapport start` on a first run): valid ' +
    'once, for 15 minutes.',
  request: { body: { required: true, content: { 'application/json': { schema: ZCodeSignIn } } } },
  responses: signInResponses,
});

export const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/v1/session',
  summary: 'Sign out',
  description: 'Ends the session and clears its cookie.',
  responses: { 200: json('Signed out', ZOk), ...AUTH_RESPONSES },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'Who is signed in',
  description: "The session's user, their practices and role in each, and the CSRF token.",
  responses: { 200: json('The signed-in user', ZMe), ...AUTH_RESPONSES },
});

/** Opens a session for a user who just proved who they are, and answers `/me`. */
async function openSession(
  c: Context,
  store: Store,
  userId: string,
  wanted: string | null | undefined,
) {
  const ms = await membershipsOf(store.db, userId);
  const practice =
    ms.find((m) => m.practice_id === wanted)?.practice_id ?? ms[0]?.practice_id ?? null;
  const s = await createSession(store.db, userId, practice);
  setSessionCookie(c, s.sessionId, s.expiresAt);
  await appendAudit(store.db, {
    practice_id: practice,
    actor: `user:${userId}`,
    action: 'sign_in',
    address: clientAddress(c),
  });
  return meView(store, userId, s.sessionId, practice, s.expiresAt);
}

export const registerSessionRoutes: RegisterRoute = (app, store) => {
  const limiter = signInLimiter();

  app.openapi(signInRoute, async (c) => {
    const { login, password, practice } = c.req.valid('json');
    const address = clientAddress(c);
    const key = `${login}|${address ?? 'local'}`;
    const wait = limiter.retryAfter(key);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new AppError('TOO_MANY_REQUESTS', `too many failed sign-ins; try again in ${wait} s`);
    }
    const user = await checkPassword(store.db, login, password);
    if (!user) {
      limiter.fail(key);
      await appendAudit(store.db, {
        practice_id: null,
        actor: login,
        action: 'sign_in_failed',
        address,
      });
      throw new AppError('UNAUTHORIZED', 'wrong login or password');
    }
    limiter.succeed(key);
    return c.json(await openSession(c, store, user.user_id, practice), 200);
  });

  app.openapi(codeSignInRoute, async (c) => {
    const { code } = c.req.valid('json');
    const found = await consumeSignInCode(store.db, code);
    const user = found && (await getUser(store.db, found.userId));
    if (!found || !user || user.disabled_at !== null) {
      await appendAudit(store.db, {
        practice_id: null,
        actor: 'one-time code',
        action: 'sign_in_failed',
        address: clientAddress(c),
      });
      throw new AppError('UNAUTHORIZED', 'this sign-in link is unknown, used already or expired');
    }
    return c.json(await openSession(c, store, user.user_id, found.practiceId), 200);
  });

  app.openapi(signOutRoute, async (c) => {
    const g = grantOf(c);
    if (g?.kind === 'session') {
      await deleteSession(store.db, g.sessionId);
      await appendAudit(store.db, {
        practice_id: g.practiceId,
        actor: `user:${g.userId}`,
        action: 'sign_out',
        address: clientAddress(c),
      });
    }
    clearSessionCookie(c);
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(meRoute, async (c) => {
    const g = grantOf(c);
    if (g?.kind !== 'session') throw new AppError('UNAUTHORIZED', 'sign in first');
    const s = await findSession(store.db, g.sessionId);
    if (!s) throw new AppError('UNAUTHORIZED', 'sign in again');
    return c.json(await meView(store, g.userId, g.sessionId, s.practiceId, s.expiresAt), 200);
  });
};
