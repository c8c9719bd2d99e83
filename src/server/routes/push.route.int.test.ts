import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiToken, revokeApiToken } from '../../store/api-token.repository.js';
import { tableCounts } from '../../store/import-test-helpers.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp, type TestApp } from '../test-app.js';

const post = async (t: TestApp, path: string, body: unknown, token?: string) => {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const THERAPISTS = [{ therapist_id: 't1', display_name: 'T. One' }];
const CLIENTS = [
  { client_id: 'c1', created_at: '2026-01-05T09:00:00Z' },
  { client_id: 'c2', created_at: '2026-01-06' },
];
const appointment = (id: string, extra: Record<string, unknown> = {}) => ({
  appointment_id: id,
  client_id: 'c1',
  therapist_id: 't1',
  scheduled_start: '2026-02-01T10:00:00Z',
  status: 'completed',
  ...extra,
});

for (const dialect of DIALECTS) {
  describe(`POST /api/v1/<entity> on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('loads good records, rejects bad ones with path and reason, is idempotent', { skip }, () =>
      withTestApp(dialect, async (t) => {
        const { token } = await createApiToken(t.store.db, 'pa', 'test');
        assert.equal((await post(t, '/api/v1/therapists', THERAPISTS, token)).status, 200);
        const clients = await post(t, '/api/v1/clients', CLIENTS, token);
        assert.deepEqual(clients, {
          status: 200,
          body: {
            inserted: 2,
            updated: 0,
            unchanged: 0,
            rejected: 0,
            warnings: 0,
            issues: [],
            issues_total: 0,
          },
        });
        const body = [
          appointment('a1'),
          appointment('a2', { client_id: 'c2', price: 90 }),
          appointment('a3', { scheduled_start: 'yesterday' }),
          appointment('a4', { client_id: 'nobody' }),
          appointment('a5', { colour: 'blue' }),
        ];
        const first = await post(t, '/api/v1/appointments', body, token);
        assert.equal(first.status, 207);
        const { issues, issues_total, ...counts } = first.body;
        assert.equal(issues_total, 3);
        assert.deepEqual(counts, {
          inserted: 3,
          updated: 0,
          unchanged: 0,
          rejected: 2,
          warnings: 0,
        });
        const list = issues as Array<{
          severity: string;
          code: string;
          path: string;
          message: string;
        }>;
        assert.deepEqual(
          list.map((i) => [i.severity, i.code, i.path]),
          [
            ['error', 'invalid_value', 'records[2].scheduled_start'],
            ['info', 'unknown_column', 'records[4].colour'],
            ['error', 'unknown_reference', 'records[3].client_id'],
          ],
        );
        assert.match(list[0]!.message, /scheduled_start: "yesterday"/);
        assert.match(list[2]!.message, /"nobody" is not in clients of practice pa/);
        const stored = await t.store.db
          .selectFrom('appointments')
          .select(['appointment_id', 'practice_id', 'price_minor'])
          .orderBy('appointment_id')
          .execute();
        assert.deepEqual(
          stored.map((r) => [
            r.appointment_id,
            r.practice_id,
            r.price_minor && Number(r.price_minor),
          ]),
          [
            ['a1', 'pa', null],
            ['a2', 'pa', 9000],
            ['a5', 'pa', null],
          ],
        );
        const again = await post(t, '/api/v1/appointments', body, token);
        assert.equal(again.status, 207);
        assert.equal(again.body.inserted, 0);
        assert.equal(again.body.updated, 0);
        assert.equal(again.body.unchanged, 3);
        const changed = await post(
          t,
          '/api/v1/appointments',
          [appointment('a1', { status: 'no_show' })],
          token,
        );
        assert.deepEqual([changed.status, changed.body.updated], [200, 1]);
        const none = await post(
          t,
          '/api/v1/appointments',
          [appointment('a9', { status: 'done' })],
          token,
        );
        assert.equal(none.status, 422);
        assert.equal(none.body.rejected, 1);
        const log = await t.store.db
          .selectFrom('imports')
          .select(['format', 'practice_id'])
          .execute();
        assert.ok(log.every((l) => l.format === 'api' && l.practice_id === 'pa'));
      }),
    );

    it('answers 401 without a valid token and writes to the token practice only', { skip }, () =>
      withTestApp(dialect, async (t) => {
        const a = await createApiToken(t.store.db, 'pa', null);
        const b = await createApiToken(t.store.db, 'pb', null);
        const none = await post(t, '/api/v1/therapists', THERAPISTS);
        assert.equal(none.status, 401);
        assert.equal((none.body.error as { code: string }).code, 'UNAUTHORIZED');
        const wrong = await post(t, '/api/v1/therapists', THERAPISTS, 'rpt_not-a-token');
        assert.equal(wrong.status, 401);
        assert.equal((wrong.body.error as { code: string }).code, 'UNAUTHORIZED');
        assert.equal((await post(t, '/api/v1/therapists', THERAPISTS, a.token)).status, 200);
        const rows = await t.store.db.selectFrom('therapists').select('practice_id').execute();
        assert.deepEqual(rows, [{ practice_id: 'pa' }]);
        assert.equal((await post(t, '/api/v1/therapists', THERAPISTS, b.token)).body.inserted, 1);
        await revokeApiToken(t.store.db, a.info.token_id);
        assert.equal((await post(t, '/api/v1/therapists', THERAPISTS, a.token)).status, 401);
        const used = await t.store.db
          .selectFrom('api_tokens')
          .select(['practice_id', 'last_used_at', 'token_hash'])
          .orderBy('practice_id')
          .execute();
        assert.ok(used.every((u) => u.last_used_at !== null));
        assert.ok(used.every((u) => u.token_hash !== a.token && u.token_hash !== b.token));
      }),
    );

    it('refuses bodies that are not an array of 1..10,000 records', { skip }, () =>
      withTestApp(dialect, async (t) => {
        const { token } = await createApiToken(t.store.db, 'pa', null);
        const many = Array.from({ length: 10_001 }, (_, n) => ({ therapist_id: `t${n}` }));
        const big = await post(t, '/api/v1/therapists', many, token);
        assert.equal(big.status, 413);
        assert.equal((big.body.error as { code: string }).code, 'TOO_LARGE');
        assert.equal(
          (await post(t, '/api/v1/therapists', { therapist_id: 't' }, token)).status,
          400,
        );
        assert.equal((await post(t, '/api/v1/therapists', [], token)).status, 400);
        assert.equal((await post(t, '/api/v1/therapists', '[{', token)).status, 400);
        const max = await post(t, '/api/v1/therapists', many.slice(0, 10_000), token);
        assert.deepEqual([max.status, max.body.inserted], [200, 10_000]);
        assert.equal((await tableCounts(t.store.db)).therapists, 10_000);
      }),
    );
  });
}
