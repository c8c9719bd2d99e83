import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../model/app-error.js';
import { DEFAULT_PRACTICE_ID } from '../../model/practice.js';
import { scopeAllows } from '../../model/role.js';
import { authenticateToken } from '../../store/api-token.repository.js';
import type { Store } from '../../store/database.js';
import { sha256 } from '../../store/secret-token.js';
import { findSession } from '../../store/session.repository.js';
import { getUser, membershipIn, membershipsOf } from '../../store/user.repository.js';
import { INTERNAL_CALL, setGrant, type Grant } from './grant.js';
import { accessFor, type RouteAccess } from './route-access.js';
import { readSessionCookie } from './session-cookie.js';

const SAFE = /^(GET|HEAD|OPTIONS)$/;
export const CSRF_HEADER = 'x-csrf-token';

const forbidden = (why: string) => new AppError('FORBIDDEN', why);

/** The bearer token of the request, if it sends one. */
const bearerOf = (header: string | undefined): string | undefined =>
  /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/**
 * Authorizes every request by the one table of route × role (ROUTE_ACCESS): 401 without valid
 * credentials, 403 for a role, scope, practice or therapist the table does not allow, 403 for a
 * state-changing session request without its CSRF token. Paths no route answers pass on (404).
 */
export function accessMiddleware(store: Store): MiddlewareHandler {
  return async (c, next) => {
    const entry = accessFor(c.req.method, c.req.path);
    if (!entry || entry.access.open) return next();
    const { access } = entry;
    const env = c.env as Record<symbol, unknown> | undefined;
    if (env?.[INTERNAL_CALL] === true && c.req.method === 'GET') {
      setGrant(c, { kind: 'internal' });
      return next();
    }
    const bearer = bearerOf(c.req.header('authorization'));
    if (bearer !== undefined) {
      const t = await authenticateToken(store.db, bearer);
      if (!t) throw new AppError('UNAUTHORIZED', 'the token is unknown, revoked or expired');
      if (access.scope === null) throw forbidden('this route is for signed-in users, not tokens');
      if (!scopeAllows(t.scopes, access.scope)) {
        throw forbidden(`the token lacks the scope ${access.scope}`);
      }
      const practice = c.req.query('practice') ?? DEFAULT_PRACTICE_ID;
      if (access.practice === 'query' && practice !== t.practiceId) {
        throw forbidden(`the token is for practice ${t.practiceId}, not ${practice}`);
      }
      setGrant(c, { kind: 'token', ...t });
      return next();
    }
    const sessionId = readSessionCookie(c);
    const session = sessionId === undefined ? null : await findSession(store.db, sessionId);
    if (!session || sessionId === undefined) {
      throw new AppError(
        'UNAUTHORIZED',
        sessionId === undefined
          ? 'sign in first, or send a token: Authorization: Bearer <token>'
          : 'the session has expired or ended; sign in again',
      );
    }
    const user = await getUser(store.db, session.userId);
    if (!user || user.disabled_at !== null) throw new AppError('UNAUTHORIZED', 'sign in again');
    if (!SAFE.test(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (sent === undefined || sha256(sent) !== session.csrfHash) {
        throw forbidden(`a state-changing request needs the session's ${CSRF_HEADER} header`);
      }
    }
    const base = { kind: 'session', userId: user.user_id, sessionId } as const;
    if (access.roles === 'signed-in') {
      setGrant(c, { ...base, practiceId: session.practiceId, role: null, therapistId: null });
      return next();
    }
    const grant = await sessionGrant(store, access, base, c.req.query());
    setGrant(c, grant);
    return next();
  };
}

/** The user's grant for the route's practice, or 403 by the table. */
async function sessionGrant(
  store: Store,
  access: RouteAccess,
  base: { kind: 'session'; userId: string; sessionId: string },
  query: Record<string, string>,
): Promise<Grant> {
  const roles = access.roles as readonly string[];
  if (access.practice === 'none') {
    const ms = await membershipsOf(store.db, base.userId);
    if (!ms.some((m) => roles.includes(m.role))) throw forbidden('your role does not allow this');
    return { ...base, practiceId: null, role: null, therapistId: null };
  }
  if (access.practice === 'token') throw forbidden('this route takes a token, not a session');
  const practiceId = query.practice ?? DEFAULT_PRACTICE_ID;
  const m = await membershipIn(store.db, base.userId, practiceId);
  if (!m) throw forbidden(`you have no role in practice ${practiceId}`);
  if (!roles.includes(m.role)) throw forbidden(`a ${m.role} may not do this`);
  if (access.therapists === 'kpi-query' && m.role !== 'owner' && m.role !== 'admin') {
    if (query.by === 'therapist') {
      throw forbidden('figures by therapist are for owners and admins');
    }
    if (query.therapist !== undefined && query.therapist !== (m.therapist_id ?? undefined)) {
      throw forbidden(
        m.role === 'clinician'
          ? "a clinician sees their own therapist's figures only"
          : 'a viewer sees practice-wide figures only',
      );
    }
  }
  return { ...base, practiceId, role: m.role, therapistId: m.therapist_id };
}
