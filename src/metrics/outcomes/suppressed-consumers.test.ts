import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandObservation } from '../alerts/band-observation.js';
import { KPI_META } from '../kpi-meta/index.js';
import { checkinStatus } from '../targets/checkin-status.js';

/** A suppressed outcome figure (1–4 episodes) is "not enough data" wherever a status is read. */
describe('the suppressed status downstream', () => {
  it('gives a target check-in not_enough_data and an alert no figure', () => {
    const status = checkinStatus({
      kind: { type: 'above', x: 60 },
      direction: 'higher',
      kpiStatus: 'suppressed',
      value: null,
      ci: null,
      expected: null,
    });
    assert.equal(status, 'not_enough_data');
    const obs = bandObservation(
      { value: null, status: 'suppressed' },
      KPI_META.recovery_rate,
      'online_platform',
      'below_typical',
      2,
    );
    assert.deepEqual(obs, { kind: 'no_figure' });
  });
});
