import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, p90, quantile } from './quantile.js';
import { wilsonInterval } from './wilson.js';

describe('statistics', () => {
  it('Wilson interval of 85 of 100', () => {
    const [lo, hi] = wilsonInterval(85, 100)!;
    assert.ok(Math.abs(lo - 0.7672) < 1e-3 && Math.abs(hi - 0.9069) < 1e-3, `${lo} ${hi}`);
  });
  it('Wilson interval stays in [0, 1] at the extremes and is null for n = 0', () => {
    assert.equal(wilsonInterval(0, 10)![0], 0);
    assert.equal(wilsonInterval(10, 10)![1], 1);
    assert.equal(wilsonInterval(0, 0), null);
  });
  it('median and p90 interpolate between ranks', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5]), 5);
    assert.equal(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 9.1);
    assert.equal(quantile([], 0.5), null);
  });
});
