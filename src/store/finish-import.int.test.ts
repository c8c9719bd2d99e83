import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { AppError } from '../model/app-error.js';
import { importCanonicalFolder } from './import-canonical.js';
import { importRows } from './import-history.repository.js';
import { importRecords } from './import-records.js';
import { fixture, scratchReport, tableCounts } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

/** A report path whose folder does not exist: writing it fails. */
const UNWRITABLE = '/nonexistent-dir-rapport/r.csv';

const empty = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);

for (const dialect of DIALECTS) {
  describe(`import log and report on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'a report that cannot be written rolls the whole import back, and the CLI says so',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          // The broken fixture loads valid rows and has issues, so it needs its report.
          const r = await runCli([
            'import',
            fixture('broken'),
            '--db',
            store.url,
            '--report',
            UNWRITABLE,
          ]);
          assert.equal(r.code, 1, r.err);
          assert.match(r.err, /cannot write the issue report to \/nonexistent-dir-rapport\/r\.csv/);
          assert.match(r.err, /rolled back, nothing was saved/);
          assert.ok(empty(await tableCounts(store.db)), 'no row saved');
          assert.deepEqual(await importRows(store.db, 'default'), [], 'no import logged');
          await assert.rejects(
            importRecords(
              store,
              {
                label: 'test',
                records: [
                  { entity: 'therapists', record: { therapist_id: 't-1' }, path: 'r#1' },
                  { entity: 'clients', record: { client_id: '' }, path: 'r#2' },
                ],
              },
              { reportPath: UNWRITABLE },
            ),
            (e) => e instanceof AppError && /cannot write the issue report/.test(e.message),
          );
          assert.ok(empty(await tableCounts(store.db)), 'no record saved');
          assert.deepEqual(await importRows(store.db, 'default'), []);
        } finally {
          await store.drop();
        }
      },
    );

    it('logs the import in the same transaction as its data', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const report = scratchReport();
        const result = await importCanonicalFolder(store, fixture('broken'), {
          reportPath: report,
        });
        assert.ok(existsSync(report));
        const [logged] = await importRows(store.db, 'default');
        assert.equal(logged?.import_id, result.importId);
        assert.equal(logged?.status, 'partial');
        assert.equal(logged?.report_path, report);
        const counts = await tableCounts(store.db);
        const loaded = result.files.reduce((n, f) => n + f.inserted, 0);
        assert.equal(Number(logged?.inserted), loaded);
        assert.equal(
          Object.values(counts).reduce((a, b) => a + b, 0),
          loaded,
          'the log counts what is stored',
        );
      } finally {
        await store.drop();
      }
    });
  });
}
