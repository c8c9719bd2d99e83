import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportsTable } from '../../store/tables.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

const run = (i: number, practice_id = 'default'): ImportsTable => ({
  import_id: `imp-${String(i).padStart(3, '0')}`,
  practice_id,
  source: `/data/export-${i}`,
  format: 'canonical',
  started_at: Date.UTC(2026, 0, 1) + i * 60_000,
  finished_at: i === 60 ? null : Date.UTC(2026, 0, 1) + i * 60_000 + 1500,
  status: i === 60 ? 'running' : 'ok',
  inserted: i,
  updated: 0,
  unchanged: 2,
  rejected: 0,
  warnings: 1,
  counts_json: JSON.stringify({ appointments: { inserted: i } }),
  report_path: i === 59 ? '/home/me/reports/import-59.txt' : null,
});

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/imports on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answers the last 50 imports of the practice, newest first', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        assert.deepEqual((await get('/api/v1/imports')).body, []);
        const rows = Array.from({ length: 60 }, (_, k) => run(k + 1));
        await store.db
          .insertInto('imports')
          .values([...rows, run(99, 'other')])
          .execute();
        const r = await get('/api/v1/imports');
        assert.equal(r.status, 200);
        const list = r.body as Record<string, unknown>[];
        assert.equal(list.length, 50);
        assert.deepEqual(
          list.slice(0, 2).map((x) => x.import_id),
          ['imp-060', 'imp-059'],
        );
        assert.equal(list[49]?.import_id, 'imp-011');
        assert.deepEqual(list[0], {
          import_id: 'imp-060',
          source: 'export-60',
          format: 'canonical',
          started_at: '2026-01-01T01:00:00.000Z',
          finished_at: null,
          status: 'running',
          inserted: 60,
          updated: 0,
          unchanged: 2,
          rejected: 0,
          warnings: 1,
          counts: { appointments: { inserted: 60 } },
          report_path: null,
        });
        assert.equal(list[1]?.finished_at, '2026-01-01T00:59:01.500Z');
        // File names only: the folders of the machine that imported are not shown.
        assert.deepEqual([list[1]?.source, list[1]?.report_path], ['export-59', 'import-59.txt']);
      }),
    );
  });
}
