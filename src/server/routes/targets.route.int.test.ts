import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../model/role.js';
import { defaultPractice } from '../../model/practice.js';
import { savePractice } from '../../store/practice.repository.js';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { withTestApp, type TestApp } from '../test-app.js';

interface Body {
  target_id?: string;
  scope?: string;
  latest?: unknown;
  error?: { code: string; message: string };
}

const target = (scope: string) => ({
  kpi_id: 'session_completion_rate',
  scope,
  kind: { type: 'above', x: 80 },
  title: `completion above 80 (${scope})`,
  start_date: '2026-01-05',
});

async function signIn(t: TestApp, role: Role, therapist: string | null = null) {
  const u = await createUser(t.store.db, {
    login: `${role}-${therapist ?? 'x'}`,
    display_name: role,
  });
  await setMembership(t.store.db, u.user_id, {
    practice_id: 'default',
    role,
    therapist_id: therapist,
  });
  const s = await createSession(t.store.db, u.user_id, 'default');
  const headers = {
    cookie: `${SESSION_COOKIE}=${s.sessionId}`,
    'x-csrf-token': s.csrfToken,
    origin: 'http://localhost',
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body & Body[] };
  };
  return call;
}

for (const dialect of DIALECTS) {
  describe(`/api/v1/targets on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'refuses an owner or admin target on one therapist with the reason; viewers only read',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          await savePractice(t.store.db, defaultPractice('default'));
          const owner = await signIn(t, 'owner');
          const admin = await signIn(t, 'admin');
          const viewer = await signIn(t, 'viewer');
          for (const who of [owner, admin]) {
            const r = await who('POST', '/api/v1/targets', target('therapist:t1'));
            assert.equal(r.status, 403);
            assert.equal(r.body.error?.code, 'FORBIDDEN');
            assert.match(r.body.error!.message, /no individual quotas/);
          }
          const made = await admin('POST', '/api/v1/targets', target('service:talk'));
          assert.equal(made.status, 201);
          // weeks since 2026-01-05 have closed without any data: the latest has no verdict
          const latest = made.body.latest as { status: string; expected: number };
          assert.deepEqual([latest.status, latest.expected], ['not_enough_data', 80]);
          assert.equal((await viewer('POST', '/api/v1/targets', target('practice'))).status, 403);
          const seen = await viewer('GET', '/api/v1/targets');
          assert.deepEqual(
            seen.body.map((x) => x.scope),
            ['service:talk'],
          );
          const unknown = await owner('POST', '/api/v1/targets', {
            ...target('practice'),
            kpi_id: 'x',
          });
          assert.equal(unknown.status, 400);
        }),
    );

    it("a clinician's personal target is theirs alone to see and manage", { skip }, () =>
      withTestApp(dialect, async (t) => {
        await savePractice(t.store.db, defaultPractice('default'));
        const owner = await signIn(t, 'owner');
        const mine = await signIn(t, 'clinician', 't1');
        const colleague = await signIn(t, 'clinician', 't2');
        const viewer = await signIn(t, 'viewer');
        assert.equal((await mine('POST', '/api/v1/targets', target('therapist:t2'))).status, 403);
        assert.equal((await mine('POST', '/api/v1/targets', target('practice'))).status, 403);
        const shared = await owner('POST', '/api/v1/targets', target('practice'));
        const made = await mine('POST', '/api/v1/targets', target('therapist:t1'));
        assert.equal(made.status, 201);
        const id = made.body.target_id!;
        for (const other of [owner, colleague, viewer]) {
          const list = await other('GET', '/api/v1/targets');
          assert.deepEqual(
            list.body.map((x) => x.target_id),
            [shared.body.target_id],
          );
          assert.equal((await other('GET', `/api/v1/targets/${id}`)).status, 404);
          assert.equal((await other('GET', `/api/v1/targets/${id}/checkins`)).status, 404);
        }
        assert.equal((await owner('DELETE', `/api/v1/targets/${id}`)).status, 404);
        const list = await mine('GET', '/api/v1/targets');
        assert.deepEqual(
          list.body.map((x) => x.target_id),
          [shared.body.target_id, id],
        );
        // The clinician reads the practice target but does not change it.
        const patch = { title: 'mine now' };
        const sid = shared.body.target_id!;
        assert.equal((await mine('PATCH', `/api/v1/targets/${sid}`, patch)).status, 403);
        const renamed = await mine('PATCH', `/api/v1/targets/${id}`, patch);
        assert.equal(renamed.status, 200);
        assert.equal((renamed.body as unknown as { title: string }).title, 'mine now');
        assert.equal((await mine('DELETE', `/api/v1/targets/${id}`)).status, 200);
        assert.equal((await mine('GET', `/api/v1/targets/${id}`)).status, 404);
      }),
    );

    it('notes a closed check-in and returns it with the check-ins', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await savePractice(t.store.db, defaultPractice('default'));
        const owner = await signIn(t, 'owner');
        const made = await owner('POST', '/api/v1/targets', target('practice'));
        const id = made.body.target_id!;
        const list = await owner('GET', `/api/v1/targets/${id}/checkins`);
        assert.equal(list.status, 200);
        // every closed week from 2026-W02 on, with no data: not enough data
        const periods = list.body as unknown as { period: string; status: string }[];
        assert.equal(periods[0]!.period, '2026-W02');
        assert.ok(periods.every((c) => c.status === 'not_enough_data'));
        const url = `/api/v1/targets/${id}/checkins/2026-W02/note`;
        const noted = await owner('POST', url, { note: 'holiday week', confidence: 'on_track' });
        assert.equal(noted.status, 200);
        const again = (await owner('GET', `/api/v1/targets/${id}/checkins`)).body as unknown as {
          note: string | null;
          confidence: string | null;
        }[];
        assert.deepEqual([again[0]!.note, again[0]!.confidence], ['holiday week', 'on_track']);
        // A new kind recomputes every check-in against it; the note stays.
        const patched = await owner('PATCH', `/api/v1/targets/${id}`, {
          kind: { type: 'below', x: 10 },
        });
        assert.equal(patched.status, 200);
        const redone = (await owner('GET', `/api/v1/targets/${id}/checkins`)).body as unknown as {
          expected: number;
          note: string | null;
        }[];
        assert.deepEqual([redone[0]!.expected, redone[0]!.note], [10, 'holiday week']);
        assert.equal((await owner('POST', url, {})).status, 400);
        const future = `/api/v1/targets/${id}/checkins/2099-W01/note`;
        assert.equal((await owner('POST', future, { note: 'x' })).status, 404);
      }),
    );
  });
}
