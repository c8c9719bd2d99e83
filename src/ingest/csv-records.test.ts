import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { defaultPractice } from '../model/practice.js';
import { CsvSyntaxError, readCsvRecords } from './csv-records.js';
import { readEntityBatches } from './read-entity-batches.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-csv-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const all = async (path: string, chunkSize?: number) => {
  const out: Array<{ line: number; cells: string[] }> = [];
  for await (const chunk of readCsvRecords(path, { chunkSize })) out.push(...chunk);
  return out;
};
/** Parses the file at the default chunk size and at tiny ones; all must agree. */
const everyChunking = async (path: string) => {
  const whole = await all(path);
  for (const size of [1, 2, 3, 5, 7])
    assert.deepEqual(await all(path, size), whole, `chunk ${size}`);
  return whole;
};
/** A small seeded PRNG (mulberry32), so a failing case replays. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

  it('survives chunk boundaries in quoted fields, CRLF pairs and multi-byte characters', async () => {
    const p = file('chunks.csv', '\uFEFFa,b\r\n"x,\r\ny",日本語\r\n\r\n"q""",€🙂\r\n');
    assert.deepEqual(await everyChunking(p), [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,\r\ny', '日本語'] },
      { line: 5, cells: ['q"', '€🙂'] },
    ]);
    // Larger than one default chunk: 256 KiB boundaries fall inside characters and CRLFs too.
    const rows = await all(file('big.csv', 'h\n' + 'é日🙂,x\r\n'.repeat(30_000)));
    assert.equal(rows.length, 30_001);
    assert.ok(rows.every((r, k) => r.line === k + 1));
    assert.ok(rows.slice(1).every((r) => r.cells.join('|') === 'é日🙂|x'));
  });

  it('reads a lone CR line end, "" escapes, empty quoted fields, lines of "" or ,', async () => {
    assert.deepEqual(await everyChunking(file('cr.csv', 'a,b\r1,"say ""hi"""\r\r"",\r""\r,\r')), [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'say "hi"'] },
      { line: 4, cells: ['', ''] },
      { line: 5, cells: [''] },
      { line: 6, cells: ['', ''] },
    ]);
  });

  it('reads a last line without a line end, and a file of only a header', async () => {
    assert.deepEqual(await everyChunking(file('tail.csv', 'a,b\n1,2\n"3",')), [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', ''] },
    ]);
    assert.deepEqual(await everyChunking(file('tail2.csv', 'a,b\n1,"x\ny"')), [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
    ]);
    assert.deepEqual(await everyChunking(file('header.csv', 'a,b\r\n')), [
      { line: 1, cells: ['a', 'b'] },
    ]);
    assert.deepEqual(await everyChunking(file('header2.csv', 'a,b')), [
      { line: 1, cells: ['a', 'b'] },
    ]);
    assert.deepEqual(await everyChunking(file('empty.csv', '')), []);
  });

  it('keeps stray quotes literally and text after a closing quote, as relax_quotes did', async () => {
    assert.deepEqual(await everyChunking(file('stray.csv', 'a,b"c,d\n"x"y,z\n')), [
      { line: 1, cells: ['a', 'b"c', 'd'] },
      { line: 2, cells: ['"x"y', 'z'] },
    ]);
  });

  it('throws CsvSyntaxError at the line the unclosed record starts on', async () => {
    const p = file('open.csv', 'a,b\n1,2\n\n3,"never\nclosed\n4,5\n');
    for (const size of [undefined, 1, 4]) {
      await assert.rejects(
        all(p, size),
        (e: unknown) => e instanceof CsvSyntaxError && e.line === 4,
      );
    }
  });

  it('agrees with csv-parse on 2,000 random RFC 4180 records, and knows their lines', async () => {
    const rand = prng(4180);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const pieces = ['a', 'xyz', '42', ' ', ',', '"', '""', '\n', '\r\n', 'é', '日本', '🙂', 'Ödön'];
    const records: string[][] = [];
    const lines: number[] = [];
    let text = '';
    let line = 1;
    for (let r = 0; r < 2000; r++) {
      const eol = rand() < 0.5 ? '\n' : '\r\n';
      if (rand() < 0.05) {
        text += eol; // an empty line: skipped, but counted
        line++;
      }
      const width = 1 + Math.floor(rand() * 6);
      const cells = Array.from({ length: width }, () =>
        Array.from({ length: Math.floor(rand() * 5) }, () => pick(pieces)).join(''),
      );
      const quote = (c: string) => /[",\r\n]/.test(c) || rand() < 0.1 || (width === 1 && c === '');
      const row = cells.map((c) => (quote(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
      records.push(cells);
      lines.push(line);
      text += row + eol;
      line += 1 + (row.match(/\r?\n/g)?.length ?? 0);
    }
    const theirs = parse(text, {
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    assert.deepEqual(theirs, records);
    const p = file('random.csv', text);
    for (const size of [undefined, 3, 64, 1000]) {
      const ours = await all(p, size);
      assert.deepEqual(
        ours.map((r) => r.cells),
        theirs,
        `chunk ${size}`,
      );
      assert.deepEqual(
        ours.map((r) => r.line),
        lines,
        `chunk ${size}`,
      );
    }
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
