import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { importCanonicalFolder } from './import-canonical.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const CLIENTS = 200;
const EVENTS = 20_000;

/** A folder of 200 clients and 20,000 activity events (composite key of four columns). */
function activityFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-reimport-'));
  const id = (n: number) => `c-${String(n).padStart(6, '0')}`;
  const clients = ['client_id,created_at,acquisition_channel,discharged_at'];
  for (let c = 0; c < CLIENTS; c++) clients.push(`${id(c)},2026-01-01T09:00:00Z,search,`);
  const events = ['user_id,user_type,occurred_at,kind'];
  const t0 = Date.UTC(2026, 0, 2);
  for (let e = 0; e < EVENTS; e++) {
    const at = new Date(t0 + e * 61_000).toISOString().replace('.000Z', 'Z');
    events.push(`${id(e % CLIENTS)},client,${at},${e % 3 === 0 ? 'login' : 'message'}`);
  }
  writeFileSync(join(dir, 'clients.csv'), clients.join('\n') + '\n');
  writeFileSync(join(dir, 'activity.csv'), events.join('\n') + '\n');
  return dir;
}

for (const dialect of DIALECTS) {
  describe(`re-import on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('of unchanged data is about as fast as the first import', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const folder = activityFolder();
        const timed = async () => {
          const t = performance.now();
          const r = await importCanonicalFolder(store, folder, { reportPath: scratchReport() });
          return { ms: performance.now() - t, r };
        };
        const first = await timed();
        assert.equal(first.r.files.find((f) => f.entity === 'activity')?.inserted, EVENTS);
        if (dialect === 'postgres') {
          // The bulk load left planner statistics behind (committed with the data).
          const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_stats
            WHERE schemaname = current_schema() AND tablename = 'activity'`.execute(store.db);
          assert.ok(Number(rows[0]?.n) > 0, 'activity analyzed');
        }
        const again = await timed();
        const activity = again.r.files.find((f) => f.entity === 'activity');
        assert.equal(activity?.unchanged, EVENTS);
        assert.equal(activity?.inserted, 0);
        // Generous for a loaded machine: the key look-up that ORed 500 four-column keys per
        // batch made this 10-40 times slower than the first import.
        assert.ok(
          again.ms <= 3 * first.ms + 1_000,
          `re-import ${Math.round(again.ms)} ms, first import ${Math.round(first.ms)} ms`,
        );
      } finally {
        await store.drop();
      }
    });
  });
}
