import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiToken } from '../store/api-token.repository.js';
import type { Db } from '../store/database.js';
import { DIALECTS, dialectSkipReason } from '../store/test-dialects.js';
import { withTestApp } from './test-app.js';

/** Every route that takes ?practice=, with what else it needs. */
const READS = [
  '/api/v1/practice',
  '/api/v1/kpis?from=2026-01-01&to=2026-01-31',
  '/api/v1/kpis?from=2026-01-01&to=2026-03-31&by=month',
  '/api/v1/therapists',
  '/api/v1/imports',
  '/api/v1/data-range',
];
const withPractice = (path: string, id: string) =>
  `${path}${path.includes('?') ? '&' : '?'}practice=${id}`;

/** Rows of every table that a read could leave behind. */
const written = async (db: Db) => {
  const count = async (table: 'rollup_state' | 'practices' | 'imports' | 'practice_secrets') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    rollup_state: await count('rollup_state'),
    practices: await count('practices'),
    imports: await count('imports'),
    practice_secrets: await count('practice_secrets'),
  };
};

for (const dialect of DIALECTS) {
  describe(`reads of an unknown practice on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answer 404 NOT_FOUND and write nothing', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        const before = await written(store.db);
        for (const path of READS) {
          const r = await get(withPractice(path, 'junk'));
          assert.equal(r.status, 404, path);
          const error = (r.body as { error: { code: string; message: string } }).error;
          assert.equal(error.code, 'NOT_FOUND', path);
          assert.match(error.message, /no practice "junk"/);
        }
        assert.deepEqual(await written(store.db), before);
        assert.equal(before.rollup_state, 0);
      }),
    );

    it(
      'answer a practice once it has a token, an import or settings; default always',
      { skip },
      () =>
        withTestApp(dialect, async ({ store, get, app }) => {
          for (const path of READS) assert.equal((await get(path)).status, 200, path);
          assert.equal((await get(withPractice(READS[0]!, 'pa'))).status, 404);
          await createApiToken(store.db, 'pa', null);
          for (const path of READS) assert.equal((await get(withPractice(path, 'pa'))).status, 200);
          // A practice known only by its import log: pushed to with a token since revoked.
          assert.equal((await get(withPractice(READS[0]!, 'pb'))).status, 404);
          const b = await createApiToken(store.db, 'pb', null);
          const push = await app.request('/api/v1/therapists', {
            method: 'POST',
            headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
            body: JSON.stringify([{ therapist_id: 't1' }]),
          });
          assert.equal(push.status, 200);
          await store.db.deleteFrom('api_tokens').where('practice_id', '=', 'pb').execute();
          const therapists = await get(withPractice('/api/v1/therapists', 'pb'));
          assert.equal(therapists.status, 200);
          assert.equal((therapists.body as unknown[]).length, 1);
        }),
    );
  });
}
