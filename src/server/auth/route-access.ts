import { ENTITY_NAMES } from '../../model/entities.js';
import type { Role, Scope } from '../../model/role.js';

/** Every role: routes that answer every member of the practice. */
const ANY_ROLE: readonly Role[] = ['owner', 'admin', 'clinician', 'viewer'];
const MANAGERS: readonly Role[] = ['owner', 'admin'];
const OWNER: readonly Role[] = ['owner'];
/** The roles that act on the practice's work (every role but the read-only viewer). */
const PEOPLE: readonly Role[] = ['owner', 'admin', 'clinician'];

/**
 * Who may call one route. A request carries either a session (a user, whose role in the
 * request's `?practice=` decides) or a Bearer token (bound to one practice, with scopes).
 */
export interface RouteAccess {
  /** Answers without credentials (sign-in, health, the OpenAPI document). */
  open?: true;
  /** Session users with one of these roles in the practice; `signed-in`: any user at all. */
  roles: readonly Role[] | 'signed-in';
  /** The scope a token needs; null: tokens are refused. */
  scope: Scope | null;
  /**
   * Where the practice comes from: `query` (`?practice=`, default `default`), `token` (the
   * token's own: push), `none` (not practice data: any membership, any token).
   */
  practice: 'query' | 'token' | 'none';
  /**
   * Therapist-level figures: `kpi-query` (`by=therapist` only for owner and admin,
   * `therapist=ID` also for the clinician who is ID), `list` (a clinician sees only self).
   */
  therapists?: 'kpi-query' | 'list';
}

const open: RouteAccess = { open: true, roles: [], scope: null, practice: 'none' };
const read = (roles: readonly Role[], extra: Partial<RouteAccess> = {}): RouteAccess => ({
  roles,
  scope: 'kpis:read',
  practice: 'query',
  ...extra,
});
const manage: RouteAccess = { roles: OWNER, scope: 'admin', practice: 'query' };
const self: RouteAccess = { roles: 'signed-in', scope: null, practice: 'none' };

/**
 * THE table of route × role: the access middleware applies it to every request, the OpenAPI
 * document's security and scopes are written from it, and a test walks every route of the
 * document with every role. A route missing here makes `createApp` throw.
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /api/health': open,
  'GET /api/openapi.json': open,
  'GET /api/docs': open,
  'POST /api/v1/session': open,
  'POST /api/v1/session/code': open,
  'POST /api/v1/invites/accept': open,
  'DELETE /api/v1/session': self,
  'GET /api/v1/me': self,
  'GET /api/v1/practice': read(ANY_ROLE),
  'GET /api/v1/catalog': read(ANY_ROLE, { practice: 'none' }),
  'GET /api/v1/kpis': read(ANY_ROLE, { therapists: 'kpi-query' }),
  // The handler also requires a clinician's own therapist= and keeps the spread from them.
  'GET /api/v1/outcomes': read(ANY_ROLE, { therapists: 'kpi-query' }),
  // The records behind a figure name clients and sessions: owners and admins only.
  'GET /api/v1/kpis/{id}/records': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/exports/kpis': read(ANY_ROLE, { therapists: 'kpi-query' }),
  'GET /api/v1/data-range': read(ANY_ROLE),
  'GET /api/v1/reports/monthly': read(ANY_ROLE, { therapists: 'kpi-query' }),
  // Who gets the monthly report by e-mail: owners and admins choose among the practice's users.
  'GET /api/v1/report-subscriptions': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'PUT /api/v1/report-subscriptions': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/therapists': read(['owner', 'admin', 'clinician'], { therapists: 'list' }),
  'GET /api/v1/imports': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/imports/{id}/report': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  // The browser's import: owners and admins, or a token allowed to write records.
  'POST /api/v1/uploads': { roles: MANAGERS, scope: 'records:write', practice: 'query' },
  // Admins read the list too: they choose alert recipients among the practice's users.
  'GET /api/v1/users': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'PUT /api/v1/users/{login}/role': manage,
  'DELETE /api/v1/users/{login}': manage,
  'GET /api/v1/invites': manage,
  'POST /api/v1/invites': manage,
  'GET /api/v1/audit': manage,
  // Targets: everyone reads the practice-wide ones; owners and admins manage those, clinicians
  // their own personal ones (the handler narrows by scope: no individual quotas).
  'GET /api/v1/targets': read(ANY_ROLE),
  'GET /api/v1/targets/{id}': read(ANY_ROLE),
  'GET /api/v1/targets/{id}/checkins': read(ANY_ROLE),
  'POST /api/v1/targets': { roles: PEOPLE, scope: 'admin', practice: 'query' },
  'PATCH /api/v1/targets/{id}': { roles: PEOPLE, scope: 'admin', practice: 'query' },
  'DELETE /api/v1/targets/{id}': { roles: PEOPLE, scope: 'admin', practice: 'query' },
  'POST /api/v1/targets/{id}/checkins/{period}/note': {
    roles: PEOPLE,
    scope: 'admin',
    practice: 'query',
  },
  'GET /api/v1/alert-rules': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'POST /api/v1/alert-rules': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'DELETE /api/v1/alert-rules/{id}': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/alert-events': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/deliveries': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  'GET /api/v1/alert-state': { roles: MANAGERS, scope: 'admin', practice: 'query' },
  ...Object.fromEntries(
    ENTITY_NAMES.map((e) => [
      `POST /api/v1/${e}`,
      { roles: [], scope: 'records:write', practice: 'token' } satisfies RouteAccess,
    ]),
  ),
};

interface Compiled {
  method: string;
  re: RegExp;
  key: string;
  access: RouteAccess;
}

const COMPILED: Compiled[] = Object.entries(ROUTE_ACCESS).map(([key, access]) => {
  const [method, path] = key.split(' ') as [string, string];
  const re = new RegExp(`^${path.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return { method, re, key, access };
});

/** The table entry of a request, or undefined for a path no route answers. */
export function accessFor(
  method: string,
  path: string,
): { key: string; access: RouteAccess } | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((c) => c.method === m && c.re.test(path));
}

/** `GET /a/:b` (Hono) or `GET /a/{b}` (OpenAPI) → the table's key form. */
export const accessKey = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`;
