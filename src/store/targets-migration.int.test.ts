import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const TARGET_TABLES = ['target_checkin_notes', 'target_checkins', 'targets'];

for (const dialect of DIALECTS) {
  describe(`migration 0006 (targets) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('creates the three target tables and migrates down and up again', { skip }, async () => {
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
        const names = async () => (await store.db.introspection.getTables()).map((t) => t.name);
        for (const t of TARGET_TABLES) assert.ok((await names()).includes(t), t);
        const down = await migrator.migrateTo('20261202-0005-people-and-access');
        assert.equal(down.error, undefined);
        for (const t of TARGET_TABLES) assert.ok(!(await names()).includes(t), t);
        assert.ok((await names()).includes('users'));
        const up = await migrator.migrateToLatest();
        assert.equal(up.error, undefined);
        for (const t of TARGET_TABLES) assert.ok((await names()).includes(t), t);
      } finally {
        await store.drop();
      }
    });
  });
}
