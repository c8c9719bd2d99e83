import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overviewRequests } from './prewarm-overview.js';

describe('overviewRequests', () => {
  const october = [
    '/api/v1/kpis?from=2026-10-01&to=2026-10-31',
    '/api/v1/kpis?from=2026-09-01&to=2026-09-30',
    '/api/v1/kpis?from=2025-11-01&to=2026-10-31&by=month',
  ];

  it('asks for the last full month, the one before and the year by month', () => {
    assert.deepEqual(overviewRequests('2026-11-13', '2026-11-23', 'default'), october);
    assert.deepEqual(overviewRequests('2026-10-31', '2026-11-23', 'default'), october);
  });

  it('names a practice other than the default', () => {
    assert.equal(
      overviewRequests('2026-03-31', '2026-11-23', 'north')[0],
      '/api/v1/kpis?from=2026-03-01&to=2026-03-31&practice=north',
    );
  });
});
