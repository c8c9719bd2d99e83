import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyCell, copyText } from './copy-text.js';

describe('copyText (PostgreSQL COPY text format)', () => {
  it('writes null as \\N and a text "\\N" as an escaped backslash and N', () => {
    assert.equal(copyCell(null), '\\N');
    assert.equal(copyCell('\\N'), '\\\\N');
    assert.equal(copyCell('N'), 'N');
  });

  it('escapes backslash, tab, newline and carriage return, and only those', () => {
    assert.equal(copyCell('a\tb'), 'a\\tb');
    assert.equal(copyCell('line 1\nline 2\r\n'), 'line 1\\nline 2\\r\\n');
    assert.equal(copyCell('C:\\temp\\new'), 'C:\\\\temp\\\\new');
    // A lone "\." would end the data if it reached the server unescaped.
    assert.equal(copyCell('\\.'), '\\\\.');
    assert.equal(copyCell('quote " comma , semicolon ;'), 'quote " comma , semicolon ;');
  });

  it('passes Unicode through unchanged', () => {
    for (const s of ['Zoë Ødegård', 'Dr. 王小明', 'emoji 🧠🙂', 'rtl שלום', 'nbsp\u00a0here']) {
      assert.equal(copyCell(s), s);
    }
  });

  it('writes numbers as query parameters do, and an empty text as empty', () => {
    assert.equal(copyCell(1_761_955_200_000), '1761955200000');
    assert.equal(copyCell(-3), '-3');
    assert.equal(copyCell(0.1), '0.1');
    assert.equal(copyCell(''), '');
  });

  it('joins cells by tabs and ends every row with a newline', () => {
    assert.equal(
      copyText([
        ['a', 1, null],
        ['tab\there', 2.5, 'x\ny'],
      ]),
      'a\t1\t\\N\ntab\\there\t2.5\tx\\ny\n',
    );
    assert.equal(copyText([]), '');
  });
});
