import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticateToken } from '../store/api-token.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

for (const dialect of DIALECTS) {
  describe(`rapport token on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'creates a token shown once, lists it without its secret, revokes it',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          const made = await runCli([
            'token',
            'create',
            '--practice',
            'pa',
            '--name',
            'ehr sync',
            ...db,
          ]);
          assert.equal(made.code, 0, made.err);
          const token = made.out.trim();
          assert.match(token, /^rpt_[A-Za-z0-9_-]{43}$/);
          const id = /token (tok_[0-9a-f]+) for practice pa/.exec(made.err)?.[1];
          assert.ok(id, made.err);
          assert.deepEqual(await authenticateToken(store.db, token), {
            tokenId: id,
            practiceId: 'pa',
            scopes: ['records:write'],
          });
          const list = await runCli(['token', 'list', ...db]);
          assert.equal(list.code, 0);
          assert.match(
            list.out,
            new RegExp(`^${id}  pa  ehr sync  created .*  active  scopes records:write$`, 'm'),
          );
          assert.ok(!list.out.includes(token.slice(4)));
          const stored = await store.db.selectFrom('api_tokens').selectAll().execute();
          assert.ok(!JSON.stringify(stored).includes(token.slice(4)), 'only the hash is stored');
          assert.equal((await runCli(['token', 'revoke', id, ...db])).code, 0);
          assert.equal(await authenticateToken(store.db, token), null);
          assert.match(
            (await runCli(['token', 'list', '--practice', 'pa', ...db])).out,
            /revoked /,
          );
          const again = await runCli(['token', 'revoke', id, ...db]);
          assert.deepEqual([again.code, again.err], [1, `rapport: no active token ${id}\n`]);
          const bad = await runCli(['token', 'create', '--practice', 'a b', ...db]);
          assert.equal(bad.code, 1);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
