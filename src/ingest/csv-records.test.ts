import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultPractice } from '../model/practice.js';
import { readCsvRecords } from './csv-records.js';
import { readEntityBatches } from './read-entity-batches.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-csv-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const all = async (path: string) => {
  const out: Array<{ line: number; cells: string[] }> = [];
  for await (const chunk of readCsvRecords(path)) out.push(...chunk);
  return out;
};

after(() => rmSync(dir, { recursive: true, force: true }));

describe('readCsvRecords', () => {
  it('keeps quoted commas and quoted newlines, and counts physical lines', async () => {
    const rows = await all(file('a.csv', 'a,b\n1,"x,y"\n2,"two\nlines"\n\n3,"é ü 日本"\n'));
    assert.deepEqual(rows, [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x,y'] },
      { line: 3, cells: ['2', 'two\nlines'] },
      { line: 6, cells: ['3', 'é ü 日本'] },
    ]);
  });

  it('drops a UTF-8 BOM and reads CRLF line ends', async () => {
    const rows = await all(file('b.csv', Buffer.from('\uFEFFid,name\r\nx,"Ödön, K"\r\n', 'utf8')));
    assert.deepEqual(rows, [
      { line: 1, cells: ['id', 'name'] },
      { line: 2, cells: ['x', 'Ödön, K'] },
    ]);
  });
});

describe('readEntityBatches', () => {
  it('warns once about an extra column and rejects a short row without crashing', async () => {
    const p = file(
      'clients.csv',
      'client_id,created_at,shoe_size\nc1,2026-01-01T00:00:00Z,42\nc2\nc3,2026-01-02T00:00:00Z,41\n',
    );
    const batches = [];
    for await (const b of readEntityBatches('clients', p, defaultPractice())) batches.push(b);
    const issues = batches.flatMap((b) => b.issues);
    assert.deepEqual(
      issues.map((i) => [i.severity, i.code, i.path]),
      [
        ['warning', 'unknown_column', 'clients.csv:1'],
        ['error', 'malformed_row', 'clients.csv:3'],
      ],
    );
    assert.deepEqual(
      batches.flatMap((b) => b.rows.map((r) => [r.line, r.row.client_id])),
      [
        [2, 'c1'],
        [4, 'c3'],
      ],
    );
  });

  it('rejects the whole file when a required column is missing', async () => {
    const p = file('surveys.csv', 'response_id,client_id,score\nr1,c1,4\n');
    const issues = [];
    for await (const b of readEntityBatches('surveys', p, defaultPractice()))
      issues.push(...b.issues);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, 'missing_column');
    assert.match(issues[0]!.message, /responded_at/);
  });
});
