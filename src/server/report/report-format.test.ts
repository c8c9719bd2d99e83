import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiResult } from '../../metrics/engine/kpi-result.types.js';
import { bandText, changeText, valueText } from './report-format.js';

const k = (over: Partial<KpiResult>): KpiResult => ({
  value: null,
  unit: 'percent',
  numerator: null,
  denominator: null,
  n: 0,
  ci: null,
  band: null,
  status: 'ok',
  ...over,
});

describe('report-format', () => {
  it('prints values with their unit, and why a value is missing', () => {
    assert.equal(valueText(k({ value: 72.94 })), '72.9 %');
    assert.equal(valueText(k({ value: 4.127, unit: 'score' })), '4.13');
    assert.equal(valueText(k({ value: 1234.5, unit: 'currency', currency: 'USD' })), '1,234.5 USD');
    assert.equal(valueText(k({ value: 49.64, unit: 'minutes' })), '49.6 min');
    assert.equal(valueText(k({ status: 'no_source' })), 'no data loaded');
    assert.equal(valueText(k({ status: 'suppressed' })), 'fewer than 5');
    assert.equal(valueText(k({ status: 'no_data' })), 'no data');
    assert.equal(valueText(undefined), '—');
  });

  it('gives a rate’s change in points and others in their unit, signed', () => {
    // 72.9 − 66.2 = 6.7 points; 66.2 − 72.9 = −6.7; equal: ±0
    assert.equal(changeText(k({ value: 72.9 }), k({ value: 66.2 })), '+6.7 pts');
    assert.equal(changeText(k({ value: 66.2 }), k({ value: 72.9 })), '−6.7 pts');
    assert.equal(changeText(k({ value: 50 }), k({ value: 50 })), '±0 pts');
    // 3.7 h − 3.8 h = −0.1 h
    assert.equal(
      changeText(k({ value: 3.7, unit: 'hours' }), k({ value: 3.8, unit: 'hours' })),
      '−0.1 h',
    );
    // 4.13 − 4.17 = −0.04 (scores keep two decimals)
    assert.equal(
      changeText(k({ value: 4.13, unit: 'score' }), k({ value: 4.17, unit: 'score' })),
      '−0.04',
    );
    assert.equal(changeText(k({ value: 10 }), k({ value: null })), '—');
  });

  it('names the band, marks a small sample, and says nothing without a value', () => {
    assert.equal(bandText(k({ value: 12, band: 'below_typical' })), 'below typical');
    assert.equal(
      bandText(k({ value: 12, status: 'insufficient_data', band: 'typical' })),
      'small sample',
    );
    assert.equal(bandText(k({ value: null, status: 'insufficient_data' })), '');
  });
});
