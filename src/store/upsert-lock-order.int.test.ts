import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Cell } from '../ingest/table-batches.js';
import { openStore } from './database.js';
import { upsertRows } from './entity.repository.js';
import { importCanonicalFolder } from './import-canonical.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const SAMPLE = fileURLToPath(new URL('../../samples/small-practice', import.meta.url));

for (const dialect of DIALECTS) {
  describe(`concurrent upserts of the same records on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('in opposite orders, on two handles: both commit, none deadlocks', { skip }, async () => {
      const store = await freshStore(dialect);
      const other = await openStore(store.url);
      try {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        const stored = await store.db
          .selectFrom('appointments')
          .selectAll()
          .where('practice_id', '=', 'default')
          .orderBy('appointment_id')
          .execute();
        const columns = Object.keys(stored[0]!);
        const rows = (minutes: number) =>
          stored.map((r) =>
            columns.map((c) => (c === 'duration_min' ? minutes : (r[c as keyof typeof r] as Cell))),
          );
        // Before the rows were put in key order, 14 of 15 such rounds deadlocked on PostgreSQL.
        for (let round = 0; round < 8; round++) {
          const [up, down] = [rows(40 + round), rows(60 + round).reverse()];
          const results = await Promise.allSettled([
            store.db.transaction().execute((trx) => upsertRows(trx, 'appointments', columns, up)),
            other.db.transaction().execute((trx) => upsertRows(trx, 'appointments', columns, down)),
          ]);
          const failed = results.flatMap((r) =>
            r.status === 'rejected' ? [String((r.reason as Error).message)] : [],
          );
          assert.deepEqual(failed, [], `round ${round}`);
          const minutes = await store.db
            .selectFrom('appointments')
            .select('duration_min')
            .distinct()
            .where('practice_id', '=', 'default')
            .execute();
          // One of the two writes won whole: every row has its value.
          assert.equal(minutes.length, 1, `round ${round}: ${JSON.stringify(minutes)}`);
        }
      } finally {
        await other.close();
        await store.drop();
      }
    });
  });
}
