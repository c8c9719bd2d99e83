import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiToken } from '../../store/api-token.repository.js';
import { listAudit } from '../../store/audit-log.repository.js';
import { createSignInCode } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { withTestApp } from '../test-app.js';
import { internalEnv } from './grant.js';
import { SESSION_COOKIE } from './session-cookie.js';

const JSON_HEADERS = { 'content-type': 'application/json', origin: 'http://localhost' };

for (const dialect of DIALECTS) {
  describe(`sign-in, sessions and CSRF on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'signs in with a password into a strict HttpOnly cookie, needs the CSRF token, signs out',
      { skip },
      () =>
        withTestApp(dialect, async ({ app, store }) => {
          const u = await createUser(store.db, {
            login: 'ann',
            display_name: 'Ann',
            password: 'a long password',
          });
          await setMembership(store.db, u.user_id, {
            practice_id: 'pa',
            role: 'admin',
            therapist_id: null,
          });
          const signIn = (password: string, headers: Record<string, string> = {}) =>
            app.request('/api/v1/session', {
              method: 'POST',
              headers: { ...JSON_HEADERS, ...headers },
              body: JSON.stringify({ login: 'ANN', password }),
            });
          const res = await signIn('a long password');
          assert.equal(res.status, 200);
          const setCookie = res.headers.get('set-cookie') ?? '';
          assert.match(setCookie, new RegExp(`^${SESSION_COOKIE}=rps_[\\w-]{43};`));
          assert.match(setCookie, /HttpOnly/);
          assert.match(setCookie, /SameSite=Strict/);
          assert.doesNotMatch(setCookie, /Secure/, 'plain http: not Secure');
          const me = (await res.json()) as {
            user: { login: string };
            practices: { practice_id: string; role: string }[];
            practice: string;
            csrf_token: string;
          };
          assert.deepEqual(
            [me.user.login, me.practice, me.practices.map((p) => p.role)],
            ['ann', 'pa', ['admin']],
          );
          const cookie = setCookie.split(';')[0]!;
          assert.equal(
            (await app.request('/api/v1/practice?practice=pa', { headers: { cookie } })).status,
            404,
            'let in; no such practice yet',
          );
          assert.equal(
            (await app.request('/api/v1/practice', { headers: { cookie } })).status,
            403,
            'no role in default',
          );
          const again = await app.request('/api/v1/me', { headers: { cookie } });
          assert.equal(((await again.json()) as { csrf_token: string }).csrf_token, me.csrf_token);

          // Over HTTPS (here: as a TLS proxy says) the cookie is Secure.
          const tls = await signIn('a long password', { 'x-forwarded-proto': 'https' });
          assert.match(tls.headers.get('set-cookie') ?? '', /Secure/);

          // A state-changing request with the cookie but without the CSRF token is refused.
          const noToken = await app.request('/api/v1/session', {
            method: 'DELETE',
            headers: { cookie, origin: 'http://localhost' },
          });
          assert.equal(noToken.status, 403);
          const foreign = await app.request('/api/v1/session', {
            method: 'DELETE',
            headers: { cookie, origin: 'http://evil.example', 'x-csrf-token': me.csrf_token },
          });
          assert.equal(foreign.status, 403, 'origin check');
          const out = await app.request('/api/v1/session', {
            method: 'DELETE',
            headers: { cookie, origin: 'http://localhost', 'x-csrf-token': me.csrf_token },
          });
          assert.equal(out.status, 200);
          assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
          assert.equal((await app.request('/api/v1/me', { headers: { cookie } })).status, 401);

          const actions = (await listAudit(store.db)).map((e) => e.action).reverse();
          assert.deepEqual(actions, ['sign_in', 'sign_in', 'sign_out']);
        }),
    );

    it(
      'answers 429 after five failed sign-ins for a login, and records each failure',
      { skip },
      () =>
        withTestApp(dialect, async ({ app, store }) => {
          await createUser(store.db, {
            login: 'bob',
            display_name: 'Bob',
            password: 'the right password',
          });
          const attempt = (login: string, password: string) =>
            app.request('/api/v1/session', {
              method: 'POST',
              headers: JSON_HEADERS,
              body: JSON.stringify({ login, password }),
            });
          for (let i = 0; i < 5; i++)
            assert.equal((await attempt('bob', `wrong ${i}`)).status, 401);
          const limited = await attempt('bob', 'the right password');
          assert.equal(limited.status, 429);
          assert.ok(Number(limited.headers.get('retry-after')) > 800);
          assert.equal((await attempt('other', 'x')).status, 401, 'another login is not limited');
          const failed = (await listAudit(store.db)).filter((e) => e.action === 'sign_in_failed');
          assert.equal(failed.length, 6);
          assert.equal(failed[0]?.actor, 'other');
        }),
    );

    it(
      'a one-time code signs in once; security headers on every answer; pushes are audited',
      { skip },
      () =>
        withTestApp(dialect, async ({ app, store }) => {
          const u = await createUser(store.db, { login: 'cy', display_name: 'Cy' });
          await setMembership(store.db, u.user_id, {
            practice_id: 'default',
            role: 'owner',
            therapist_id: null,
          });
          const code = await createSignInCode(store.db, u.user_id, 'default');
          const use = () =>
            app.request('/api/v1/session/code', {
              method: 'POST',
              headers: JSON_HEADERS,
              body: JSON.stringify({ code }),
            });
          const first = await use();
          assert.equal(first.status, 200);
          assert.equal(((await first.json()) as { user: { login: string } }).user.login, 'cy');
          assert.equal((await use()).status, 401, 'used once');

          for (const path of ['/', '/api/health', '/api/v1/practice', '/api/openapi.json']) {
            const r = await app.request(path);
            const csp = r.headers.get('content-security-policy') ?? '';
            assert.match(csp, /script-src 'self'(;|$)/, path);
            assert.match(csp, /frame-ancestors 'none'/, path);
            assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
            assert.equal(r.headers.get('referrer-policy'), 'same-origin', path);
          }

          // The server's own pre-warm requests get in in process; nothing over HTTP can say so.
          assert.equal(
            (await app.request('/api/v1/data-range', undefined, internalEnv())).status,
            200,
          );
          assert.equal((await app.request('/api/v1/data-range', undefined, {})).status, 401);

          const { token, info } = await createApiToken(store.db, 'default', 'sync');
          const push = await app.request('/api/v1/therapists', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify([{ therapist_id: 't1', display_name: 'One' }]),
          });
          assert.equal(push.status, 200);
          const entry = (await listAudit(store.db)).find((e) => e.action === 'push');
          assert.deepEqual(
            [entry?.actor, entry?.target, entry?.details],
            [
              `token:${info.token_id}`,
              'therapists',
              { inserted: 1, updated: 0, unchanged: 0, rejected: 0, warnings: 0 },
            ],
          );
        }),
    );
  });
}
