import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { EXIT } from './cli-io.js';
import { runCli } from './run-cli.js';

const GOOD = 'src/ingest/fixtures/good';

for (const dialect of DIALECTS) {
  describe(`rapport report on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('writes the PDF, audits it, and refuses a bad month or paper', { skip }, async () => {
      const store = await freshStore(dialect);
      const dir = mkdtempSync(join(tmpdir(), 'rapport-report-'));
      try {
        const db = ['--db', store.url];
        assert.ok([0, 2].includes((await runCli(['import', GOOD, ...db])).code));
        const out = join(dir, 'r.pdf');
        const r = await runCli(['report', '--month', '2026-01', '--out', out, ...db]);
        assert.equal(r.code, EXIT.ok, r.err);
        assert.match(r.out, /wrote .*r\.pdf: \d+ KPIs/);
        assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
        const audit = JSON.parse((await runCli(['audit', '--json', ...db])).out) as {
          action: string;
        }[];
        assert.equal(audit[0]?.action, 'export');
        const bad = await runCli(['report', '--month', '2026-1', '--out', out, ...db]);
        assert.equal(bad.code, EXIT.badInput);
        assert.match(bad.err, /--month must be YYYY-MM/);
        const paper = await runCli([
          'report',
          '--month',
          '2026-01',
          '--paper',
          'a5',
          '--out',
          out,
          ...db,
        ]);
        assert.equal(paper.code, EXIT.badInput);
      } finally {
        await store.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
