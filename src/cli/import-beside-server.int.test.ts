import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { createApp } from '../server/create-app.js';
import { createApiToken } from '../store/api-token.repository.js';
import { openStore } from '../store/database.js';
import { spawnCli } from './spawn-cli.js';

const SAMPLE = fileURLToPath(new URL('../../samples/small-practice', import.meta.url));

/**
 * SQLite only (PostgreSQL has row locks, not one write lock per file): a server taking pushes
 * of one practice and answering KPI reads of it, while `rapport import` in another process
 * loads another practice into the same file.
 */
describe('rapport import beside a running server (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-beside-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('no "database is locked": every push acknowledged is stored, the import exits 0', async () => {
    const file = join(dir, 'shared.db');
    const store = await openStore(file);
    const web = mkdtempSync(join(dir, 'web-'));
    try {
      const app = createApp({ store, webRoot: web });
      const { token } = await createApiToken(store.db, 'pushed', 'test', Date.now(), {
        scopes: ['records:write', 'kpis:read'],
      });
      const acknowledged: string[] = [];
      const failures: string[] = [];
      let reads = 0;
      const importer = spawnCli(['import', SAMPLE, '--db', file, '--report', join(dir, 'r.csv')]);
      let running = true;
      void importer.done.then(() => (running = false));
      const pusher = (async () => {
        for (let n = 0; running || n < 5; n++) {
          const ids = Array.from({ length: 20 }, (_, i) => `c-${n}-${i}`);
          const res = await app.request('/api/v1/clients', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(ids.map((id) => ({ client_id: id, created_at: '2026-03-01' }))),
          });
          if (res.status === 200) acknowledged.push(...ids);
          else failures.push(`push ${res.status}: ${await res.text()}`);
          // SQLite answers synchronously: give the event loop a turn (the child's exit, the reader).
          await new Promise((r) => setImmediate(r));
        }
      })();
      const reader = (async () => {
        while (running) {
          const res = await app.request(
            '/api/v1/kpis?practice=pushed&from=2026-03-01&to=2026-03-31',
            { headers: { authorization: `Bearer ${token}` } },
          );
          reads++;
          if (res.status !== 200) failures.push(`read ${res.status}: ${await res.text()}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const imported = await importer.done;
      await Promise.all([pusher, reader]);
      assert.equal(imported.code, 0, imported.err);
      assert.doesNotMatch(imported.err, /locked/i);
      assert.deepEqual(failures, []);
      assert.ok(
        reads > 0 && acknowledged.length > 0,
        `${reads} reads, ${acknowledged.length} pushed`,
      );
      const stored = await store.db
        .selectFrom('clients')
        .select('client_id')
        .where('practice_id', '=', 'pushed')
        .execute();
      assert.deepEqual(stored.map((r) => r.client_id).sort(), [...acknowledged].sort());
      const imports = await store.db
        .selectFrom('imports')
        .select('status')
        .where('practice_id', '=', 'default')
        .execute();
      assert.equal(imports.length, 1, 'the import is logged');
    } finally {
      await store.close();
    }
  });
});
