import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { authenticateToken, hashToken } from './api-token.repository.js';
import { MIGRATIONS } from './migrations/index.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`migration 0005 (people and access) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'keeps a push token made before scopes working as records:write, and migrates down',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const schema =
            dialect === 'postgres'
              ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]
                  ?.s
              : undefined;
          const migrator = new Migrator({
            db: store.db,
            provider: { getMigrations: async () => MIGRATIONS },
            ...(schema ? { migrationTableSchema: schema } : {}),
          });
          const down = await migrator.migrateTo('20261123-0004-rollups');
          assert.equal(down.error, undefined);
          const tables = (await store.db.introspection.getTables()).map((t) => t.name);
          assert.ok(!tables.includes('users') && !tables.includes('audit_log'));
          // A token row as release 0004 wrote it: no scopes, no expiry.
          await sql`insert into api_tokens (token_id, practice_id, name, token_hash, created_at)
          values ('tok_old', 'pa', 'ehr', ${hashToken('rpt_old-secret')}, 1)`.execute(store.db);
          const up = await migrator.migrateToLatest();
          assert.equal(up.error, undefined);
          assert.deepEqual(await authenticateToken(store.db, 'rpt_old-secret'), {
            tokenId: 'tok_old',
            practiceId: 'pa',
            scopes: ['records:write'],
          });
        } finally {
          await store.drop();
        }
      },
    );
  });
}
