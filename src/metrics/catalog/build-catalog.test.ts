import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../model/app-error.js';
import { KPI_META, validateKpiMeta } from '../kpi-meta/index.js';
import { KPI_IDS } from '../kpi-meta/kpi-meta.types.js';
import { buildCatalog } from './build-catalog.js';
import type { KpiCompute } from './catalog.types.js';
import { getCatalog } from './catalog.js';
import { KPI_COMPUTATIONS } from './kpi-computations.js';

describe('KPI catalog', () => {
  it('merges both halves for every KPI id', () => {
    const catalog = getCatalog();
    assert.deepEqual(Object.keys(catalog).sort(), [...KPI_IDS].sort());
    assert.equal(
      catalog.session_completion_rate.compute.unit,
      catalog.session_completion_rate.unit,
    );
  });
  it('collects every problem with its path and fails once', () => {
    const broken: KpiCompute[] = KPI_COMPUTATIONS.filter((c) => c.id !== 'rematch_rate').map((c) =>
      c.id === 'avg_session_duration'
        ? {
            ...c,
            unit: 'hours',
            parts: {
              ...c.parts,
              minutes: { agg: 'sum', source: 'appointments', measure: { column: 'minutes' } },
            },
            numerator: [{ part: 'minutes' }, { part: 'nope' }],
          }
        : c,
    );
    try {
      buildCatalog(broken, KPI_META, validateKpiMeta);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError && e.code === 'CONFIG');
      const problems = (e.details as { problems: string[] }).problems;
      assert.ok(
        problems.includes(
          'catalog.avg_session_duration.parts.minutes.measure: unknown column "minutes"',
        ),
        problems.join('\n'),
      );
      assert.ok(
        problems.includes('catalog.avg_session_duration.numerator[1]: unknown part "nope"'),
      );
      assert.ok(problems.some((p) => p.startsWith('catalog.avg_session_duration.unit:')));
      assert.ok(problems.includes('catalog.rematch_rate: no computation declared'));
    }
  });
});
