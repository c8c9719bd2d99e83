import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { withTestApp, type TestApp } from '../test-app.js';

const therapist = (id: string) => ({
  practice_id: 'default',
  therapist_id: id,
  display_name: null,
  specialties: '',
  languages: '',
  modalities: '',
  max_sessions_per_day: null,
  max_sessions_per_week: null,
  active_from: null,
  active_to: null,
});

const put = async (t: TestApp, body: unknown) => {
  const res = await t.app.request('/api/v1/report-subscriptions', {
    method: 'PUT',
    headers: { ...t.ownerHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

for (const dialect of DIALECTS) {
  describe(`/api/v1/report-subscriptions on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'an owner chooses the recipients; each role gets only the report it may read',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          await t.store.db
            .insertInto('therapists')
            .values([therapist('t-1'), therapist('t-2')])
            .execute();
          const member = async (login: string, role: 'clinician' | 'viewer' | 'admin') => {
            const u = await createUser(t.store.db, { login, display_name: login.split('@')[0]! });
            await setMembership(t.store.db, u.user_id, {
              practice_id: 'default',
              role,
              therapist_id: role === 'clinician' ? 't-1' : null,
            });
          };
          await member('cleo@example.org', 'clinician');
          await member('vera@example.org', 'viewer');
          await member('ada@example.org', 'admin');
          assert.deepEqual((await t.get('/api/v1/report-subscriptions')).body, {
            subscriptions: [],
          });

          // A clinician may not have another therapist's report, a viewer no therapist's at all.
          const other = await put(t, {
            subscriptions: [{ login: 'cleo@example.org', therapist: 't-2' }],
          });
          assert.equal(other.status, 403);
          const viewer = await put(t, {
            subscriptions: [{ login: 'vera@example.org', therapist: 't-1' }],
          });
          assert.equal(viewer.status, 403);
          assert.equal(
            (await put(t, { subscriptions: [{ login: 'nobody@example.org' }] })).status,
            404,
          );
          assert.equal(
            (await put(t, { subscriptions: [{ login: 'ada@example.org', therapist: 't-9' }] }))
              .status,
            404,
          );
          assert.equal(
            (
              await put(t, {
                subscriptions: [{ login: 'ada@example.org' }, { login: 'ada@example.org' }],
              })
            ).status,
            400,
          );
          // Nothing of the refused lists was written.
          assert.deepEqual((await t.get('/api/v1/report-subscriptions')).body, {
            subscriptions: [],
          });

          const ok = await put(t, {
            subscriptions: [
              { login: 'cleo@example.org' },
              { login: 'vera@example.org', paper: 'letter' },
              { login: 'ada@example.org', therapist: 't-2' },
            ],
          });
          assert.equal(ok.status, 200);
          const want = {
            subscriptions: [
              {
                login: 'ada@example.org',
                display_name: 'ada',
                role: 'admin',
                therapist: 't-2',
                paper: 'a4',
              },
              // The clinician gets their own therapist's report without naming it.
              {
                login: 'cleo@example.org',
                display_name: 'cleo',
                role: 'clinician',
                therapist: 't-1',
                paper: 'a4',
              },
              {
                login: 'vera@example.org',
                display_name: 'vera',
                role: 'viewer',
                therapist: null,
                paper: 'letter',
              },
            ],
          };
          assert.deepEqual(ok.body, want);
          assert.deepEqual((await t.get('/api/v1/report-subscriptions')).body, want);
          const audit = await t.store.db
            .selectFrom('audit_log')
            .select('details')
            .where('action', '=', 'report_subscription_change')
            .execute();
          assert.equal(audit.length, 1);
          assert.match(audit[0]!.details, /cleo@example.org/);

          // An empty list ends every subscription.
          assert.deepEqual((await put(t, { subscriptions: [] })).body, { subscriptions: [] });
        }),
    );
  });
}
