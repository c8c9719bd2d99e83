import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { QUERY_LOG_ENV, loggedStatements } from './query-log.js';
import { findTarget } from './target.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

// On under scripts/run-tests.js; a bare `node --test` of this file turns it on itself.
process.env[QUERY_LOG_ENV] ||= mkdtempSync(join(tmpdir(), 'rapport-query-log-'));

for (const dialect of DIALECTS) {
  describe(`query log on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'records a repository statement with the line that ran it, not the migrations',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          assert.equal(await findTarget(store.db, 'pa', 'tgt_none'), undefined);
          const logged = loggedStatements();
          const mine = logged.filter((s) => s.origin.startsWith('src/store/target.repository.ts:'));
          assert.ok(
            mine.some((s) =>
              /from "targets" where "practice_id" = (\?|\$1) and "target_id"/.test(s.sql),
            ),
            JSON.stringify(mine),
          );
          assert.ok(mine.every((s) => s.test.endsWith('query-log.int.test.ts')));
          assert.ok(!logged.some((s) => /^create table/i.test(s.sql)), 'migrations are left out');
        } finally {
          await store.drop();
        }
      },
    );
  });
}
