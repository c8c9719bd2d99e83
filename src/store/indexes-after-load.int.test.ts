import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { secondaryIndexes } from './dialect.js';
import { importCanonicalFolder } from './import-canonical.js';
import { fixture, tableCounts } from './import-test-helpers.js';
import { withIndexesAfterLoad } from './indexes-after-load.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a store or a transaction.
const untyped = (db: unknown) => db as Kysely<any>;
const indexesOf = (db: unknown, table: string) =>
  secondaryIndexes(untyped(db), table).then((ix) => ix.map((i) => i.name));

for (const dialect of DIALECTS) {
  describe(`secondary indexes built after a bulk load on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('an empty table loads without them and gets each back as it was', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const before = await secondaryIndexes(untyped(store.db), 'appointments');
        assert.ok(before.length >= 5, `appointments has its KPI indexes: ${before.length}`);
        let during: string[] | undefined;
        const got = await store.db.transaction().execute((trx) =>
          withIndexesAfterLoad(trx, 'appointments', async () => {
            during = await indexesOf(trx, 'appointments');
            return 42;
          }),
        );
        assert.equal(got, 42);
        assert.deepEqual(during, [], 'dropped for the load');
        assert.deepEqual(
          await secondaryIndexes(untyped(store.db), 'appointments'),
          before,
          'the same names and definitions afterwards',
        );
      } finally {
        await store.drop();
      }
    });

    it('a failed load rolls the drop back with its rows', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const before = await indexesOf(store.db, 'slots');
        await assert.rejects(
          store.db.transaction().execute((trx) =>
            withIndexesAfterLoad(trx, 'slots', async () => {
              assert.deepEqual(await indexesOf(trx, 'slots'), []);
              throw new Error('the load failed');
            }),
          ),
          /the load failed/,
        );
        assert.deepEqual(await indexesOf(store.db, 'slots'), before);
      } finally {
        await store.drop();
      }
    });

    it('a table holding rows keeps its indexes through the load', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        // Rows of another practice count: the indexes serve every practice's readers.
        await importCanonicalFolder(store, fixture('good'), { practiceId: 'other' });
        assert.ok((await tableCounts(store.db)).appointments! > 0);
        const before = await indexesOf(store.db, 'appointments');
        let during: string[] | undefined;
        await store.db.transaction().execute((trx) =>
          withIndexesAfterLoad(trx, 'appointments', async () => {
            during = await indexesOf(trx, 'appointments');
          }),
        );
        assert.deepEqual(during, before);
        assert.deepEqual(await indexesOf(store.db, 'appointments'), before);
      } finally {
        await store.drop();
      }
    });
  });
}
