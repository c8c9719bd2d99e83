import type { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../model/app-error.js';
import { accessKey, ROUTE_ACCESS, type RouteAccess } from './route-access.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** Who the table lets in, as the sentence the OpenAPI description ends with. */
const accessText = (a: RouteAccess): string => {
  if (a.open) return 'Answers without credentials.';
  const who =
    a.roles === 'signed-in'
      ? 'any signed-in user'
      : a.roles.length === 0
        ? null
        : `signed-in ${a.roles.join(', ')}`;
  const token = a.scope === null ? null : `a token with scope \`${a.scope}\` (or \`admin\`)`;
  return `Access: ${[who, token].filter((x) => x !== null).join('; ')}.`;
};

/**
 * Writes the route × role table into the OpenAPI document: the security schemes (session
 * cookie, bearer token), each operation's security and required scope (`x-required-scope`,
 * `x-roles`), and a sentence on who may call it. Throws when a registered route has no entry.
 */
export function applyRouteAccess(app: OpenAPIHono): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The web session, set by POST /api/v1/session (HttpOnly, SameSite=Strict)',
  });
  for (const d of registry.definitions) {
    if (d.type !== 'route') continue;
    const route = d.route as unknown as Record<string, unknown> & {
      method: string;
      path: string;
      description?: string;
    };
    const key = accessKey(route.method, route.path);
    const a = ROUTE_ACCESS[key];
    if (!a) throw new AppError('CONFIG', `route ${key} has no entry in ROUTE_ACCESS`);
    const security: Record<string, string[]>[] = [];
    if (!a.open && a.roles !== 'signed-in' && a.roles.length === 0) {
      security.push({ bearerAuth: [] });
    } else if (!a.open) {
      security.push({ sessionCookie: [] });
      if (a.scope !== null) security.push({ bearerAuth: [] });
    }
    route.security = security;
    route['x-required-scope'] = a.scope;
    route['x-roles'] = a.open ? 'open' : a.roles;
    route.description = `${route.description ?? ''} ${accessText(a)}`.trim();
  }
}

/** Every route the app answers under /api must have an entry in the table. */
export function assertEveryRouteDeclared(app: OpenAPIHono): void {
  const missing = app.routes
    .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => accessKey(r.method, r.path))
    .filter((k) => !(k in ROUTE_ACCESS));
  if (missing.length > 0) {
    throw new AppError('CONFIG', `routes without an entry in ROUTE_ACCESS: ${missing.join(', ')}`);
  }
}
