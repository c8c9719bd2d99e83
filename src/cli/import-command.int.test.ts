import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixture } from '../store/import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-import-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every broken row of the broken fixture: file, line, column, code. */
const BROKEN = [
  ['clients.csv', '3', 'created_at', 'invalid_value'],
  ['clients.csv', '4', 'client_id', 'missing_value'],
  ['appointments.csv', '1', '', 'unknown_column'],
  ['appointments.csv', '4', 'status', 'invalid_value'],
  ['appointments.csv', '5', 'client_id', 'unknown_reference'],
  ['appointments.csv', '6', 'scheduled_start', 'invalid_value'],
  ['appointments.csv', '7', 'therapist_id', 'missing_value'],
  ['appointments.csv', '8', '', 'malformed_row'],
  ['session_ratings.csv', '2', '', 'duplicate_in_file'],
  ['session_ratings.csv', '3', 'appointment_id', 'unknown_reference'],
  ['payments.csv', '1', 'amount', 'missing_column'],
];

for (const dialect of DIALECTS) {
  describe(`rapport import on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('loads the valid rows, exits 2 and reports every broken row', { skip }, async () => {
      const store = await freshStore(dialect);
      const report = join(dir, `${dialect}-report.csv`);
      try {
        const r = await runCli([
          'import',
          fixture('broken'),
          '--db',
          store.url,
          '--report',
          report,
        ]);
        assert.equal(r.code, 2, r.err);
        assert.doesNotMatch(r.err, /\bat .*:\d+:\d+/, 'no stack trace');
        assert.match(r.out, /appointments\.csv\s+1\s+0\s+0\s+5\s+1/);
        assert.match(r.out, new RegExp(`report: ${report.replace(/[.\\/]/g, '\\$&')}`));
        const lines = readFileSync(report, 'utf8').trim().split('\r\n');
        assert.equal(lines[0], 'severity,file,line,column,code,reason');
        const rows = lines.slice(1).map((l) => l.split(',').slice(1, 5));
        assert.deepEqual(rows, BROKEN);
        assert.match(lines[4]!, /status: ""done"" must be one of/);
      } finally {
        await store.drop();
      }
    });

    it('exits 0 for a clean folder and 1 for bad usage', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const ok = await runCli([
          'import',
          fixture('good'),
          '--db',
          store.url,
          '--report',
          join(dir, `${dialect}-clean-report.csv`),
        ]);
        assert.equal(ok.code, 0, ok.err);
        assert.match(ok.out, /total\s+25\s+0\s+0\s+0\s+1/);
        const fmt = await runCli([
          'import',
          fixture('good'),
          '--db',
          store.url,
          '--format',
          'hl7v2',
        ]);
        assert.equal(fmt.code, 1);
        assert.match(fmt.err, /^rapport: format hl7v2 is not supported \(use canonical, fhir, /);
        const missing = await runCli(['import', join(dir, 'nowhere'), '--db', store.url]);
        assert.equal(missing.code, 1);
        assert.match(missing.err, /no such file or folder/);
      } finally {
        await store.drop();
      }
    });
  });
}
