import type { Context } from 'hono';
import type { Role, Scope } from '../../model/role.js';

/** Who a request was let in as, for the handlers that narrow what they answer. */
export type Grant =
  | {
      kind: 'session';
      userId: string;
      sessionId: string;
      practiceId: string | null;
      role: Role | null;
      therapistId: string | null;
    }
  | { kind: 'token'; tokenId: string; practiceId: string; scopes: Scope[] }
  | { kind: 'internal' };

/**
 * The env marker of the server's own in-process requests (the overview pre-warm). A symbol no
 * HTTP request can carry: over the network Hono's env holds Node's request and response only.
 */
export const INTERNAL_CALL = Symbol('rapport internal call');

/** The env to pass to `app.request` for an in-process request of the server itself. */
export const internalEnv = (): Record<symbol, true> => ({ [INTERNAL_CALL]: true });

const grants = new WeakMap<Request, Grant>();

export const setGrant = (c: Context, g: Grant): void => void grants.set(c.req.raw, g);

/** The grant of the request, or undefined on an open route. */
export const grantOf = (c: Context): Grant | undefined => grants.get(c.req.raw);

/** The audit log's actor of a grant. */
export const actorOf = (g: Grant | undefined): string =>
  g === undefined
    ? 'anonymous'
    : g.kind === 'session'
      ? `user:${g.userId}`
      : g.kind === 'token'
        ? `token:${g.tokenId}`
        : 'server';

/** The therapist a clinician is limited to, or null when the grant sees every therapist. */
export const ownTherapistOnly = (g: Grant | undefined): string | null =>
  g?.kind === 'session' && g.role === 'clinician' ? g.therapistId : null;
