import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../model/app-error.js';
import { nearestName } from './nearest-name.js';
import { CANONICAL_NAMES, planCanonicalSources } from './plan-canonical-sources.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const folder = (name: string, files: string[]) => {
  const p = join(dir, name);
  mkdirSync(p);
  for (const f of files) writeFileSync(join(p, f), 'x\n');
  return p;
};

describe('planCanonicalSources', () => {
  it('loads exact lower-case names and warns about other CSV files with the nearest name', () => {
    const p = folder('mixed', ['clients.csv', 'Appointments.csv', 'README.txt']);
    const plan = planCanonicalSources([p]);
    assert.deepEqual(
      plan.files.map((f) => f.entity),
      ['clients'],
    );
    assert.deepEqual(
      plan.issues.map((i) => [i.severity, i.path, i.message]),
      [
        [
          'warning',
          'Appointments.csv',
          'Appointments.csv is not a file of the canonical format: skipped (did you mean appointments.csv?)',
        ],
        ['info', 'README.txt', 'README.txt is not a file of the canonical format: skipped'],
      ],
    );
  });

  it('refuses a folder with nothing to import (usage), naming what it found and what it expects', () => {
    const p = folder('export', ['Clients_export.csv']);
    assert.throws(
      () => planCanonicalSources([p]),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'USAGE' &&
        /nothing to import in .*export: found only Clients_export\.csv \(did you mean clients\.csv\?\); expected file names: practice\.json, therapists\.csv, clients\.csv/.test(
          e.message,
        ),
    );
    assert.throws(
      () => planCanonicalSources([folder('empty', [])]),
      (e: unknown) =>
        e instanceof AppError && /nothing to import in .*empty: no files/.test(e.message),
    );
  });

  it('suggests the nearest name: a known name inside it, else within 2 edits', () => {
    assert.equal(nearestName('Clients_export.csv', CANONICAL_NAMES), 'clients.csv');
    assert.equal(nearestName('sessionratings.csv', CANONICAL_NAMES), 'session_ratings.csv');
    assert.equal(nearestName('payment.csv', CANONICAL_NAMES), 'payments.csv');
    assert.equal(nearestName('invoices.csv', CANONICAL_NAMES), undefined);
    assert.equal(nearestName('notes.csv', CANONICAL_NAMES), undefined); // slots.csv is 3 edits away
  });
});
