import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'rapport_session';

/** Over HTTPS (directly, or as a TLS proxy says) the cookie is marked Secure. */
const isHttps = (c: Context): boolean =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** The session cookie: HttpOnly, SameSite=Strict, whole site, until the session expires. */
export function setSessionCookie(c: Context, sessionId: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

export const clearSessionCookie = (c: Context): void =>
  void deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
