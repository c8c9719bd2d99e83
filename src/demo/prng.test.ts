import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from './prng.js';

const draws = (seed: number, n = 20) => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.next());
};

test('the same seed gives the same stream, another seed another', () => {
  assert.deepEqual(draws(7), draws(7));
  assert.notDeepEqual(draws(7), draws(8));
});

test('draws stay in range and look uniform', () => {
  const r = createRng(1);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    const k = r.int(3, 5);
    assert.ok(k >= 3 && k <= 5 && Number.isInteger(k));
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
});

test('forks are independent but reproducible', () => {
  const a = createRng(3).fork(1);
  const b = createRng(3).fork(1);
  const c = createRng(3).fork(2);
  const x = [a.next(), a.next()];
  assert.deepEqual(x, [b.next(), b.next()]);
  assert.notDeepEqual(x, [c.next(), c.next()]);
});
