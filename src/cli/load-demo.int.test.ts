import assert from 'node:assert/strict';
import { latestCheckins } from '../metrics/targets/target-checkins.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import type { CliIO } from './cli-io.js';
import { loadDemo } from './load-demo.js';

const quiet: CliIO = { out: () => undefined, err: () => undefined, interactive: false };

for (const dialect of DIALECTS) {
  describe(`loadDemo on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('loads clean data: no warning, no report file in the working folder', { skip }, async () => {
      const store = await freshStore(dialect);
      const cwd = process.cwd();
      const dir = mkdtempSync(join(tmpdir(), 'rapport-demo-cwd-'));
      process.chdir(dir);
      try {
        const r = await loadDemo(
          store,
          { size: 'sample', seed: 1, practiceId: 'default', end: '2026-11-30' },
          quiet,
        );
        assert.deepEqual(
          r.issues.filter((i) => i.severity !== 'info'),
          [],
        );
        assert.equal(r.reportPath, null);
        assert.equal(r.status, 'ok');
        assert.deepEqual(readdirSync(dir), []);
        // Example targets, each with a stored history of check-ins (issue 12).
        const targets = await latestCheckins(store.db, 'default', Date.parse('2026-12-02T12:00Z'));
        assert.deepEqual(
          targets.map((t) => [t.target.kpi_id, t.latest?.period]),
          [
            ['session_completion_rate', '2026-W48'],
            ['no_show_cancellation_rate', '2026-W48'],
            ['client_satisfaction_rate', '2026-11'],
          ],
        );
      } finally {
        process.chdir(cwd);
        rmSync(dir, { recursive: true, force: true });
        await store.drop();
      }
    });

    it('the small demo gives each example target a real latest status', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await loadDemo(
          store,
          { size: 'small', seed: 1, practiceId: 'default', end: '2026-11-30' },
          quiet,
        );
        const targets = await latestCheckins(store.db, 'default', Date.parse('2026-12-02T12:00Z'));
        // Twelve closed weeks from Monday 2026-09-07 (W37) to W48; three months from September.
        assert.deepEqual(
          targets.map((t) => [t.target.kpi_id, t.latest?.period]),
          [
            ['session_completion_rate', '2026-W48'],
            ['no_show_cancellation_rate', '2026-W48'],
            ['client_satisfaction_rate', '2026-11'],
          ],
        );
        for (const t of targets) {
          assert.ok(
            ['on_track', 'at_risk', 'off_track'].includes(t.latest!.status),
            `${t.target.kpi_id}: ${t.latest!.status}`,
          );
        }
      } finally {
        await store.drop();
      }
    });
  });
}
