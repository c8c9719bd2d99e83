import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, async () => {
    const skip = await dialectSkipReason(dialect);
    it(
      'migrates an empty database and keeps epoch milliseconds exact',
      { skip: skip ?? false },
      async () => {
        const store = await freshStore(dialect);
        try {
          const t = Date.UTC(2026, 2, 8, 7, 0, 0, 123);
          await store.db
            .insertInto('clients')
            .values({
              practice_id: 'p',
              client_id: 'c1',
              created_at: t,
              acquisition_channel: null,
              discharged_at: null,
            })
            .execute();
          const row = await store.db.selectFrom('clients').selectAll().executeTakeFirstOrThrow();
          assert.equal(row.created_at, t);
          assert.equal(typeof row.created_at, 'number');
          const { n } = await store.db
            .selectFrom('clients')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(n, 1);
        } finally {
          await store.drop();
        }
      },
    );

    it('lists only the tables of its own schema', { skip: skip ?? false }, async () => {
      const a = await freshStore(dialect);
      const b = await freshStore(dialect);
      try {
        await b.db.schema.createTable('only_in_b').addColumn('x', 'integer').execute();
        const names = (await a.db.introspection.getTables()).map((t) => t.name);
        assert.ok(names.includes('appointments'));
        assert.ok(!names.includes('only_in_b'));
      } finally {
        await a.drop();
        await b.drop();
      }
    });
  });
}
