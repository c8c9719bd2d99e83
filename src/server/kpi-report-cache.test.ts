import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiReport } from '../metrics/engine/kpi-result.types.js';
import { kpiReportCache } from './kpi-report-cache.js';

const report = (from: string) =>
  ({
    period: { from, to: from, timezone: 'UTC' },
    profile: 'online_platform',
    kpis: {},
  }) as KpiReport;

describe('kpiReportCache', () => {
  it('computes a request once, shares concurrent asks, and keeps only the newest entries', async () => {
    const cache = kpiReportCache(2);
    let computed = 0;
    const compute = (from: string) => async () => {
      computed++;
      return report(from);
    };
    const [a, b] = await Promise.all([cache.get('a', compute('a')), cache.get('a', compute('a'))]);
    assert.equal(computed, 1);
    assert.equal(a, b);
    await cache.get('b', compute('b'));
    await cache.get('a', compute('a')); // a is now the most recent
    await cache.get('c', compute('c')); // b goes
    assert.equal(cache.size, 2);
    await cache.get('a', compute('a'));
    assert.equal(computed, 3);
    await cache.get('b', compute('b'));
    assert.equal(computed, 4);
  });

  it('forgets a failed computation so the next ask tries again', async () => {
    const cache = kpiReportCache();
    await assert.rejects(cache.get('x', () => Promise.reject(new Error('boom'))));
    assert.equal((await cache.get('x', async () => report('x'))).period.from, 'x');
  });
});
