import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`migration 0008 (digests) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('adds digest_claims and alert_state.judged_json, down and up again', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const schema =
          dialect === 'postgres'
            ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
            : undefined;
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: async () => MIGRATIONS },
          ...(schema ? { migrationTableSchema: schema } : {}),
        });
        const shape = async () => {
          const tables = await store.db.introspection.getTables();
          // The introspector lists no columns on PostgreSQL: ask for the column itself.
          const judged = await store.db
            .selectFrom('alert_state')
            .select('judged_json')
            .limit(1)
            .execute()
            .then(
              () => true,
              () => false,
            );
          return { claims: tables.some((t) => t.name === 'digest_claims'), judged };
        };
        assert.deepEqual(await shape(), { claims: true, judged: true });
        const down = await migrator.migrateTo('20261202-0007-alerts');
        assert.equal(down.error, undefined);
        assert.deepEqual(await shape(), { claims: false, judged: false });
        const up = await migrator.migrateToLatest();
        assert.equal(up.error, undefined);
        assert.deepEqual(await shape(), { claims: true, judged: true });
      } finally {
        await store.drop();
      }
    });
  });
}
