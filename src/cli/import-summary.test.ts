import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issue } from '../model/issue.js';
import { defaultPractice } from '../model/practice.js';
import { emptyCounts } from '../store/import-file-counts.js';
import type { ImportResult } from '../store/import-canonical.js';
import { importSummary } from './import-summary.js';

const result = (more: Partial<ImportResult>): ImportResult => ({
  importId: 'imp_1',
  practice: defaultPractice(),
  files: [],
  issues: [],
  status: 'partial',
  startedAt: 0,
  finishedAt: 1000,
  reportPath: '/r.csv',
  ...more,
});

describe('importSummary', () => {
  it('counts warnings as the report lists them, those of no file in an (other) row', () => {
    const files = [
      { ...emptyCounts('appointments (fhir)', 'appointments'), inserted: 3, warnings: 0 },
    ];
    const issues = [
      ...Array.from({ length: 13 }, (_, n) =>
        issue('warning', 'unmapped', `warning ${n}`, `Bundle.entry[${n}].resource`),
      ),
      issue('info', 'unsupported', 'ignored', 'x.json'),
    ];
    const out = importSummary(result({ files, issues }));
    assert.match(
      out,
      /appointments \(fhir\)\s+3\s+0\s+0\s+0\s+0\n\(other\)\s+13\ntotal\s+3\s+0\s+0\s+0\s+13\n/,
    );
    assert.match(out, /0 errors, 13 warnings; report: \/r\.csv\n/);
    // The first five reasons, then how many more the report holds.
    assert.match(
      out,
      /warning Bundle\.entry\[4\]\.resource\s+warning 4\n {2}… and 8 more in the report\n/,
    );
    assert.doesNotMatch(out, /warning 5/);
  });

  it('names each file rejected whole once, and puts errors before warnings', () => {
    const issues = [
      issue('warning', 'unknown_column', 'unknown column "x" ignored', 'payments.csv:1'),
      issue(
        'error',
        'missing_column',
        'required column "amount" is missing',
        'payments.csv:1:amount',
      ),
      issue(
        'error',
        'missing_column',
        'required column "paid_at" is missing',
        'payments.csv:1:paid_at',
      ),
    ];
    const files = [{ ...emptyCounts('payments.csv', 'payments'), read: 4, rejected: 4 }];
    const out = importSummary(result({ files, issues }));
    assert.match(out, /payments\.csv\s+0\s+0\s+0\s+4\s+1\n/);
    assert.match(
      out,
      /rejected whole: 1 file: payments\.csv \(missing column\)\n2 errors, 1 warning; report/,
    );
    assert.match(
      out,
      /error {3}payments\.csv:1:amount\s+required column "amount"[^\n]*\n {2}error {3}payments\.csv:1:paid_at[^\n]*\n {2}warning payments\.csv:1 /,
    );
  });

  it('says "no issues" when there are none', () => {
    assert.match(importSummary(result({ status: 'ok', reportPath: null })), /\nno issues\n$/);
  });
});
