import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { defaultPractice } from '../model/practice.js';
import { CsvSyntaxError, readCsvRecords, type CsvReadOptions } from './csv-records.js';
import { readEntityBatches } from './read-entity-batches.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-csv-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const all = async (path: string, chunkSize?: number, more: CsvReadOptions = {}) => {
  const out: Array<{ line: number; cells: string[]; error?: string }> = [];
  for await (const chunk of readCsvRecords(path, { chunkSize, ...more })) out.push(...chunk);
  return out;
};
/** What the records say, in short: the line and its cells, or the line and `error`. */
const brief = (rs: Array<{ line: number; cells: string[]; error?: string }>) =>
  rs.map((r) => (r.error === undefined ? `${r.line}:${r.cells.join('|')}` : `${r.line}:error`));
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

  it('with recover, a stray quote costs only its row: reading resumes at the next line', async () => {
    // Line 3 opens a quote that never closes: the record it starts ends the file inside it.
    const p = file('stray3.csv', 'id,at,ch\nc1,1,web\nc2,"2,web\nc3,3,web\n\nc4,4,web\n');
    for (const size of [undefined, 1, 2, 3, 7]) {
      const rows = await all(p, size, { recover: true });
      assert.deepEqual(
        brief(rows),
        ['1:id|at|ch', '2:c1|1|web', '3:error', '4:c3|3|web', '6:c4|4|web'],
        `chunk ${size}`,
      );
      assert.match(rows[2]!.error!, /quote opened on line 3 is never closed/);
    }
  });

  it('with recover, a quote that closes rows later with the wrong width rejects only its first line', async () => {
    // The quote of line 3 closes on line 5 ("x,y" was meant): 2 + 1 cells from line 3 to 5, not 3.
    const text =
      'id,at,ch\r\nc1,1,web\r\nc2,"2,web\r\nc3,3,web\r\nc4,"x,y",z\r\nc5,5,"multi\r\nline"\r\n';
    const p = file('stray-width.csv', text);
    for (const size of [undefined, 1, 2, 5]) {
      const rows = await all(p, size, { recover: true });
      assert.deepEqual(
        brief(rows),
        ['1:id|at|ch', '2:c1|1|web', '3:error', '4:c3|3|web', '5:c4|x,y|z', '6:c5|5|multi\r\nline'],
        `chunk ${size}`,
      );
      assert.match(rows[2]!.error!, /opened on line 3 .* 4 cells where the header has 3/);
    }
  });

  it('rejects bytes that are not UTF-8 at their line, never as U+FFFD, unless latin1 is asked for', async () => {
    const latin1 = Buffer.from('id,name\nc1,M\xfcller\nc2,Ok\n', 'latin1');
    const p = file('latin1.csv', latin1);
    await assert.rejects(all(p), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2);
    for (const size of [undefined, 1, 3]) {
      const rows = await all(p, size, { recover: true });
      assert.deepEqual(brief(rows), ['1:id|name', '2:error', '3:c2|Ok'], `chunk ${size}`);
      assert.match(rows[1]!.error!, /line 2 is not valid UTF-8.*--encoding latin1/);
      assert.deepEqual(brief(await all(p, size, { encoding: 'latin1' })), [
        '1:id|name',
        '2:c1|Müller',
        '3:c2|Ok',
      ]);
    }
    // Windows-1252 has € at 0x80; UTF-8 split across every chunk edge still decodes.
    assert.deepEqual(
      brief(
        await all(file('cp.csv', Buffer.from([0x61, 0x80, 0x0a])), 1, { encoding: 'windows-1252' }),
      ),
      ['1:a€'],
    );
    const utf = file('utf.csv', 'a,日本🙂\nü,é\n');
    for (const size of [1, 2, 3]) {
      assert.deepEqual(brief(await all(utf, size, { recover: true })), ['1:a|日本🙂', '2:ü|é']);
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

describe('readEntityBatches on broken files', () => {
  const read = async (name: string, text: string | Buffer, encoding?: 'latin1') => {
    const batches = [];
    const p = file(name, text);
    for await (const b of readEntityBatches(
      name.replace(/^.*?-/, '').replace('.csv', '') as 'clients',
      p,
      defaultPractice(),
      { encoding, label: name.replace(/^.*?-/, '') },
    ))
      batches.push(b);
    return {
      issues: batches.flatMap((b) => b.issues.map((i) => `${i.severity} ${i.code} ${i.path}`)),
      ids: batches.flatMap((b) => b.rows.map((r) => r.row.client_id ?? r.row.payment_id)),
      read: batches.reduce((n, b) => n + b.read, 0),
      rejected: batches.reduce((n, b) => n + b.rejected, 0),
    };
  };

  it('rejects the row of a stray quote at its line and loads every later row', async () => {
    const r = await read(
      'q-clients.csv',
      'client_id,created_at\nc1,2026-01-01T00:00:00Z\nc2,"2026-01-02T00:00:00Z\nc3,2026-01-03T00:00:00Z\nc4,2026-01-04T00:00:00Z\n',
    );
    assert.deepEqual(r.issues, ['error malformed_row clients.csv:3']);
    assert.deepEqual(r.ids, ['c1', 'c3', 'c4']);
    assert.deepEqual([r.read, r.rejected], [4, 1]);
  });

  it('rejects a Latin-1 row as not UTF-8, and reads it with encoding latin1', async () => {
    const text = Buffer.from(
      'client_id,created_at,acquisition_channel\nc1,2026-01-01T00:00:00Z,Empfehlung Müller\nc2,2026-01-02T00:00:00Z,web\n',
      'latin1',
    );
    const bad = await read('l-clients.csv', text);
    assert.deepEqual(bad.issues, ['error malformed_row clients.csv:2']);
    assert.deepEqual([bad.ids, bad.rejected], [['c2'], 1]);
    const ok = await read('l2-clients.csv', text, 'latin1');
    assert.deepEqual([ok.issues, ok.ids, ok.rejected], [[], ['c1', 'c2'], 0]);
  });

  it('counts every row of a file missing a required column as rejected', async () => {
    const r = await read(
      'm-payments.csv',
      'payment_id,client_id,paid_at\np1,c1,2026-01-01\np2,c1,2026-01-02\n',
    );
    assert.deepEqual(r.issues, ['error missing_column payments.csv:1:amount']);
    assert.deepEqual([r.ids, r.read, r.rejected], [[], 2, 2]);
  });

  it('says an empty file is empty (an error) and a header without rows has no rows (a warning)', async () => {
    assert.deepEqual((await read('e-clients.csv', '')).issues, ['error empty_file clients.csv:1']);
    assert.deepEqual((await read('e2-clients.csv', '\n\n')).issues, [
      'error empty_file clients.csv:1',
    ]);
    assert.deepEqual((await read('h-clients.csv', 'client_id,created_at\n')).issues, [
      'warning empty_file clients.csv:1',
    ]);
  });
});
