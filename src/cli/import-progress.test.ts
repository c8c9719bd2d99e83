import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIO } from './cli-io.js';
import { progressBar } from './import-progress.js';

const capture = (interactive: boolean) => {
  let err = '';
  const io: CliIO = { out: () => undefined, err: (t) => void (err += t), interactive };
  return { io, text: () => err };
};

describe('progressBar', () => {
  it('draws bytes of a file as MB and a record source as records', () => {
    const file = capture(true);
    progressBar(file.io).update({
      file: 'appointments.csv',
      entity: 'appointments',
      rows: 10,
      bytes: 1_048_576,
      size: 4_194_304,
    });
    assert.match(file.text(), /\[#{6}\.{18}\]\s+25%\s+10 rows\s+1\.0\/4\.0 MB/);
    const records = capture(true);
    progressBar(records.io).update({
      file: 'Bundle.json',
      entity: 'clients',
      rows: 3,
      bytes: 3,
      size: 12,
      unit: 'records',
    });
    assert.match(records.text(), /25%\s+3 rows\s+3\/12 records/);
  });

  it('says at once when a file is in and its indexes are being built', () => {
    const shown = capture(true);
    const bar = progressBar(shown.io);
    const p = { file: 'slots.csv', entity: 'slots', rows: 9, bytes: 8, size: 8 } as const;
    bar.update(p);
    bar.update({ ...p, indexing: true });
    const lines = shown.text().split('\r').filter(Boolean);
    assert.equal(lines.length, 2, 'the second draw is not held back');
    assert.match(lines[0]!, /rows\/s/);
    assert.match(lines[1]!, /100%\s+9 rows\s+0\.0\/0\.0 MB\s+building its indexes/);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const quiet = capture(false);
    const bar = progressBar(quiet.io);
    bar.update({ file: 'a.csv', entity: 'clients', rows: 1, bytes: 1, size: 2 });
    bar.done();
    assert.equal(quiet.text(), '');
  });
});
