import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, csvLine } from './csv-line.js';

test('fields are quoted only when RFC 4180 needs it', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('Ada Ivers, LCSW'), '"Ada Ivers, LCSW"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
});

test('a line follows the column order and leaves missing cells empty', () => {
  assert.equal(csvLine(['a', 'b', 'c'], { c: '3', a: '1' }), '1,,3\n');
});
