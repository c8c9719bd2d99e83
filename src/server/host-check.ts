import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { respondError } from './error-handler.js';

/** Listening on every interface: no one name is "the" host. */
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** A host name as the URL parser spells it: lower case, IPv6 in brackets. */
export const normalHost = (host: string): string => {
  const h = host.trim().toLowerCase();
  return isIP(h) === 6 ? `[${h}]` : h;
};

/**
 * The names a server on `listenHost` answers to, besides loopback names and IP literals: the
 * listen host itself (unless a wildcard) and `extra` (from --allowed-hosts or
 * RAPPORT_ALLOWED_HOSTS). An entry starting with `.` allows that domain and its subdomains;
 * `*` allows every name.
 */
export const allowedHosts = (listenHost: string | undefined, extra: readonly string[]): string[] =>
  [...(listenHost && !WILDCARDS.has(listenHost) ? [listenHost] : []), ...extra]
    .map(normalHost)
    .filter((h) => h !== '');

/** True for names that cannot be rebound: IP literals and localhost (RFC 6761 keeps it local). */
const alwaysServed = (host: string): boolean =>
  isIP(host.replace(/^\[|\]$/g, '')) !== 0 || host === 'localhost' || host.endsWith('.localhost');

/**
 * Refuses requests whose Host names something else than this server (DNS rebinding: a page on
 * `evil.example` whose name now points at 127.0.0.1 would otherwise read the API). 403 FORBIDDEN.
 */
export function hostCheck(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map(normalHost));
  const domains = [...names].filter((h) => h.startsWith('.'));
  const any = names.has('*');
  return async (c, next) => {
    const host = new URL(c.req.url).hostname.toLowerCase();
    const ok =
      any ||
      alwaysServed(host) ||
      names.has(host) ||
      domains.some((d) => host.endsWith(d) || host === d.slice(1));
    if (!ok) {
      return respondError(
        c,
        'FORBIDDEN',
        `this server does not answer to the host name "${host.slice(0, 100)}"; ` +
          'start it with --allowed-hosts (or RAPPORT_ALLOWED_HOSTS) naming it',
      );
    }
    await next();
  };
}
