import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../model/role.js';
import { createApiToken, revokeApiToken } from '../../store/api-token.repository.js';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { withTestApp, type TestApp } from '../test-app.js';
import { ROUTE_ACCESS, accessKey, type RouteAccess } from './route-access.js';
import { SESSION_COOKIE } from './session-cookie.js';

const ROLES: Role[] = ['owner', 'admin', 'clinician', 'viewer'];
const PERIOD = 'from=2026-01-01&to=2026-01-31';

/** A request that the route would answer with data when let in (bad ids give 404, not 401/403). */
function requestOf(method: string, path: string): { url: string; body?: string } {
  const url = path.replace('{login}', 'nobody') + (path === '/api/v1/kpis' ? `?${PERIOD}` : '');
  if (method === 'GET') return { url };
  const bodies: Record<string, unknown> = {
    '/api/v1/session': { login: 'nobody', password: 'wrong' },
    '/api/v1/session/code': { code: 'nope' },
    '/api/v1/invites/accept': {
      invite: 'nope',
      login: 'x1',
      display_name: 'X',
      password: 'long enough pw',
    },
    '/api/v1/invites': { role: 'viewer' },
    '/api/v1/users/{login}/role': { role: 'viewer' },
  };
  return { url, body: JSON.stringify(bodies[path] ?? []) };
}

interface Principal {
  name: string;
  headers: () => Promise<Record<string, string>>;
  /** What the table promises for this principal on a route: allowed, 401 or 403. */
  expect: (a: RouteAccess) => 'allowed' | 401 | 403;
}

async function principals(t: TestApp): Promise<Principal[]> {
  const db = t.store.db;
  const users: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const u = await createUser(db, { login: `${role}-user`, display_name: role });
    await setMembership(db, u.user_id, {
      practice_id: 'default',
      role,
      therapist_id: role === 'clinician' ? 't1' : null,
    });
    users[role] = u.user_id;
  }
  const sessionHeaders = async (userId: string, now = Date.now()) => {
    const s = await createSession(db, userId, 'default', now);
    return {
      cookie: `${SESSION_COOKIE}=${s.sessionId}`,
      'x-csrf-token': s.csrfToken,
      origin: 'http://localhost',
    };
  };
  const bearer = (token: string) => async () => ({ authorization: `Bearer ${token}` });
  const revoked = await createApiToken(db, 'default', 'revoked', Date.now(), { scopes: ['admin'] });
  await revokeApiToken(db, revoked.info.token_id);
  const other = await createApiToken(db, 'other', 'other', Date.now(), { scopes: ['admin'] });
  const reader = await createApiToken(db, 'default', 'reader', Date.now(), {
    scopes: ['kpis:read'],
  });
  const writer = await createApiToken(db, 'default', 'writer');
  const byToken =
    (scopes: string[]) =>
    (a: RouteAccess): 'allowed' | 403 =>
      a.scope !== null && (scopes.includes(a.scope) || scopes.includes('admin')) ? 'allowed' : 403;
  return [
    ...ROLES.map((role): Principal => ({
      name: role,
      headers: () => sessionHeaders(users[role]!),
      expect: (a) =>
        a.roles === 'signed-in' || (a.roles as readonly string[]).includes(role) ? 'allowed' : 403,
    })),
    { name: 'no credentials', headers: async () => ({}), expect: () => 401 },
    {
      name: 'an expired session',
      headers: () => sessionHeaders(users.owner!, Date.now() - 13 * 3_600_000),
      expect: () => 401,
    },
    { name: 'a revoked token', headers: bearer(revoked.token), expect: () => 401 },
    {
      name: "another practice's admin token",
      headers: bearer(other.token),
      expect: (a) => (a.practice === 'query' || a.scope === null ? 403 : 'allowed'),
    },
    { name: 'a kpis:read token', headers: bearer(reader.token), expect: byToken(['kpis:read']) },
    {
      name: 'a records:write token',
      headers: bearer(writer.token),
      expect: byToken(['records:write']),
    },
  ];
}

interface Doc {
  paths: Record<string, Record<string, { security?: unknown[]; 'x-required-scope'?: unknown }>>;
  components: { securitySchemes?: Record<string, unknown> };
}

for (const dialect of DIALECTS) {
  describe(`route × role on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'every route of the OpenAPI document answers each principal as the table says',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const doc = (await t.get('/api/openapi.json')).body as Doc;
          assert.deepEqual(Object.keys(doc.components.securitySchemes ?? {}).sort(), [
            'bearerAuth',
            'sessionCookie',
          ]);
          const all = await principals(t);
          const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
            Object.entries(item).map(([method, op]) => ({
              path,
              method: method.toUpperCase(),
              op,
            })),
          );
          assert.ok(operations.length >= 25, `${operations.length} operations`);
          const failures: string[] = [];
          for (const { path, method, op } of operations) {
            const key = accessKey(method, path);
            const access = ROUTE_ACCESS[key];
            assert.ok(access, `${key} is in the OpenAPI document but not in ROUTE_ACCESS`);
            assert.equal(op['x-required-scope'], access.scope, `${key} documents its scope`);
            assert.equal((op.security ?? []).length === 0, access.open === true, `${key} security`);
            const { url, body } = requestOf(method, path);
            for (const p of access.open ? all.slice(4, 5) : all) {
              const headers: Record<string, string> = { ...(await p.headers()) };
              if (body !== undefined) headers['content-type'] = 'application/json';
              const res = await t.app.request(url, { method, headers, body });
              await res.arrayBuffer();
              const want = access.open ? 'allowed' : p.expect(access);
              const got = res.status;
              const ok =
                want === 'allowed'
                  ? got !== 403 &&
                    !(
                      got === 401 &&
                      !path.startsWith('/api/v1/session') &&
                      !path.endsWith('/accept')
                    )
                  : got === want;
              if (!ok) failures.push(`${key} as ${p.name}: ${got}, expected ${want}`);
            }
          }
          assert.deepEqual(failures, []);
        }),
    );

    it('no route edits or deletes the audit log, not even for the owner', { skip }, () =>
      withTestApp(dialect, async (t) => {
        assert.deepEqual(
          Object.keys(ROUTE_ACCESS).filter((k) => k.includes('/audit')),
          ['GET /api/v1/audit'],
        );
        for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
          const r = await t.app.request('/api/v1/audit', { method, headers: t.ownerHeaders });
          assert.equal(r.status, 404, method);
        }
      }),
    );

    it(
      'a clinician sees their own therapist only; a viewer practice-wide figures only',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const writer = await createApiToken(t.store.db, 'default', 'w');
          const push = await t.app.request('/api/v1/therapists', {
            method: 'POST',
            headers: {
              authorization: `Bearer ${writer.token}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify([
              { therapist_id: 't1', display_name: 'One' },
              { therapist_id: 't2', display_name: 'Two' },
            ]),
          });
          assert.equal(push.status, 200);
          const [, , clinician, viewer] = (await principals(t)).slice(0, 4);
          const status = async (p: Principal, url: string) => {
            const r = await t.app.request(url, { headers: await p.headers() });
            return [r.status, await r.json()] as const;
          };
          const expectations: [Principal, string, number][] = [
            [clinician!, `/api/v1/kpis?${PERIOD}`, 200],
            [clinician!, `/api/v1/kpis?${PERIOD}&therapist=t1`, 200],
            [clinician!, `/api/v1/kpis?${PERIOD}&therapist=t2`, 403],
            [clinician!, `/api/v1/kpis?${PERIOD}&by=therapist`, 403],
            [clinician!, `/api/v1/kpis?${PERIOD}&by=month`, 200],
            [viewer!, `/api/v1/kpis?${PERIOD}`, 200],
            [viewer!, `/api/v1/kpis?${PERIOD}&therapist=t1`, 403],
            [viewer!, `/api/v1/kpis?${PERIOD}&by=therapist`, 403],
            [viewer!, '/api/v1/therapists', 403],
            [clinician!, '/api/v1/kpis?practice=other&' + PERIOD, 403],
            // Outcomes: a clinician must name their own therapist; a viewer none.
            [clinician!, `/api/v1/outcomes?${PERIOD}`, 403],
            [clinician!, `/api/v1/outcomes?${PERIOD}&therapist=t1`, 200],
            [clinician!, `/api/v1/outcomes?${PERIOD}&therapist=t2`, 403],
            [viewer!, `/api/v1/outcomes?${PERIOD}`, 200],
            [viewer!, `/api/v1/outcomes?${PERIOD}&therapist=t1`, 403],
          ];
          for (const [p, url, want] of expectations) {
            assert.equal((await status(p, url))[0], want, `${p.name} ${url}`);
          }
          const [code, list] = await status(clinician!, '/api/v1/therapists');
          assert.equal(code, 200);
          assert.deepEqual(
            (list as { therapist_id: string }[]).map((x) => x.therapist_id),
            ['t1'],
          );
          const owner = await t.get('/api/v1/therapists');
          assert.deepEqual(
            (owner.body as { therapist_id: string }[]).map((x) => x.therapist_id),
            ['t1', 't2'],
          );
          const byTherapist = await t.get(`/api/v1/kpis?${PERIOD}&by=therapist`);
          assert.equal(byTherapist.status, 200);
        }),
    );
  });
}
