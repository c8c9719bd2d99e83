import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KPI_IDS, KPI_META } from '../../metrics/kpi-meta/index.js';
import { ZCatalog } from './catalog.route.js';
import { withTestApp } from '../test-app.js';

describe('GET /api/v1/catalog', () => {
  it('answers every KPI meta in catalog order, matching its schema', () =>
    withTestApp('sqlite', async ({ get }) => {
      const r = await get('/api/v1/catalog');
      assert.equal(r.status, 200);
      const body = ZCatalog.parse(r.body);
      assert.deepEqual(
        body.kpis.map((k) => k.id),
        [...KPI_IDS],
      );
      assert.deepEqual(body.kpis[0], KPI_META[KPI_IDS[0]]);
    }));
});
