import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonDepth } from './json-depth.js';

test('counts the nesting of arrays and objects, not brackets inside strings', () => {
  assert.equal(jsonDepth('1'), 0);
  assert.equal(jsonDepth('[]'), 1);
  assert.equal(jsonDepth('[{"a":1},{"b":[2]}]'), 3);
  assert.equal(jsonDepth('[{"a":"[[[{{{"}]'), 2);
  assert.equal(jsonDepth('["a \\" [[[", {}]'), 2);
});

test('stops at the limit on a very deep text without exhausting the stack', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.equal(jsonDepth(deep), 100_000);
  assert.equal(jsonDepth(deep, 32), 33);
});
