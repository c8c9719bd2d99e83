import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiToken } from '../store/api-token.repository.js';
import { tableCounts } from '../store/import-test-helpers.js';
import { DIALECTS, dialectSkipReason } from '../store/test-dialects.js';
import { createApp } from './create-app.js';
import { DEFAULT_LIMITS } from './request-limits.js';
import { withTestApp, type TestApp } from './test-app.js';

interface Answer {
  status: number;
  body: {
    error?: { code: string; message: string; details?: Record<string, unknown> };
    issues?: Array<{ code: string; message: string; path: string }>;
    issues_total?: number;
    rejected?: number;
  };
  bytes: number;
}

const send = async (
  app: TestApp['app'],
  token: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Answer> => {
  const res = await app.request('/api/v1/therapists', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
    // A stream body needs half duplex (and has no Content-Length).
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer['body'], bytes: text.length };
};

/** A body streamed in 64 kB chunks, so the size is known only by reading it. */
const streamOf = (text: string): ReadableStream<Uint8Array> => {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += 65_536)));
    },
  });
};

for (const dialect of DIALECTS) {
  describe(`push request limits on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'answers 413 TOO_LARGE to a body over the limit, with or without Content-Length',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const { token } = await createApiToken(t.store.db, 'pa', null);
          const app = createApp({ store: t.store, limits: { maxBodyBytes: 1000 } });
          const rows = (n: number) =>
            JSON.stringify(Array.from({ length: n }, (_, i) => ({ therapist_id: `t${i}` })));
          // 20 records of 19 or 20 bytes plus commas and brackets: 20 * 20 + 21 = 421 bytes.
          assert.equal((await send(app, token, rows(20))).status, 200);
          const big = rows(100); // over 1,000 bytes
          assert.ok(big.length > 1000);
          for (const body of [big, streamOf(big)]) {
            const r = await send(app, token, body);
            assert.equal(r.status, 413);
            assert.equal(r.body.error?.code, 'TOO_LARGE');
            assert.match(r.body.error!.message, /over 1000 bytes/);
          }
          assert.equal((await tableCounts(t.store.db)).therapists, 20);
          assert.equal(DEFAULT_LIMITS.maxBodyBytes, 20 * 1024 * 1024);
        }),
    );

    it(
      'answers 415 to a body not sent as JSON, and accepts a JSON type with a charset',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const { token } = await createApiToken(t.store.db, 'pa', null);
          const body = JSON.stringify([{ therapist_id: 't1' }]);
          for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
            const r = await send(t.app, token, body, { 'content-type': type });
            assert.equal(r.status, 415, type);
            assert.equal(r.body.error?.code, 'UNSUPPORTED_MEDIA_TYPE');
            assert.match(r.body.error!.message, /application\/json/);
          }
          assert.equal((await send(t.app, token, body, {})).status, 415);
          assert.equal((await tableCounts(t.store.db)).therapists, 0);
          const ok = await send(t.app, token, body, {
            'content-type': 'application/json; charset=utf-8',
          });
          assert.equal(ok.status, 200);
        }),
    );

    it('answers 400 to a 100,000-deep body, naming the reason, and writes nothing', { skip }, () =>
      withTestApp(dialect, async (t) => {
        const { token } = await createApiToken(t.store.db, 'pa', null);
        const deep = '['.repeat(100_000) + ']'.repeat(100_000);
        const r = await send(t.app, token, deep);
        assert.equal(r.status, 400);
        assert.equal(r.body.error?.code, 'BAD_INPUT');
        assert.equal(r.body.error?.details?.reason, 'too_deep');
        assert.match(r.body.error!.message, /deeper than 32 levels/);
        // A record whose field holds a deep value: 400 as well, not a 500.
        const inRecord = `[{"therapist_id":"t1","display_name":${'['.repeat(50_000)}${']'.repeat(50_000)}}]`;
        assert.equal((await send(t.app, token, inRecord)).status, 400);
        assert.equal((await tableCounts(t.store.db)).therapists, 0);
      }),
    );

    it(
      'lists the first 100 issues, counts all, and never repeats a whole long value',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const { token } = await createApiToken(t.store.db, 'pa', null);
          const long = 'x'.repeat(50_000);
          // 300 records, each with a bad daily maximum: 300 errors.
          const records = Array.from({ length: 300 }, (_, i) => ({
            therapist_id: `t${i}`,
            max_sessions_per_day: long,
          }));
          const r = await send(t.app, token, JSON.stringify(records));
          assert.equal(r.status, 422);
          assert.equal(r.body.rejected, 300);
          assert.equal(r.body.issues?.length, 100);
          assert.equal(r.body.issues_total, 300);
          assert.equal(r.body.issues![0]!.path, 'records[0].max_sessions_per_day');
          for (const i of r.body.issues!) {
            assert.ok(i.message.length <= 4 * 80 + 200 + 30, i.message.slice(0, 300));
            assert.ok(!i.message.includes('x'.repeat(81)));
          }
          // 15 MB of values in, a small answer out.
          assert.ok(r.bytes < 100 * 600, `answer of ${r.bytes} characters`);
        }),
    );
  });
}
