import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetKind } from '../../model/target.js';
import { checkinStatus, expectedValue } from './checkin-status.js';
import { closedPeriods } from '../periods/closed-periods.js';

// 70 % to 80 % over 10 weeks: start Monday 2026-01-05, due 70 days later (2026-03-16).
const RISE: TargetKind = { type: 'from_to', start_value: 70, goal: 80, due: '2026-03-16' };

describe('target check-in status', () => {
  it('expects 75 at the end of week 5 (2026-02-02..08: 35 of 70 days)', () => {
    const weeks = closedPeriods('2026-01-05', 'week', '2026-02-09');
    assert.equal(weeks.length, 5);
    assert.deepEqual(weeks[4], { key: '2026-W06', from: '2026-02-02', to: '2026-02-08' });
    assert.equal(expectedValue(RISE, '2026-01-05', '2026-02-08'), 75);
    // week 1 ends after 7 of 70 days: 70 + 10 × 0.1 = 71; after the due date it holds at 80
    assert.equal(expectedValue(RISE, '2026-01-05', '2026-01-11'), 71);
    assert.equal(expectedValue(RISE, '2026-01-05', '2026-04-30'), 80);
  });

  it('on track at or above 75, at risk below when the interval reaches 75, off track otherwise', () => {
    const at = (value: number, ci: [number, number] | null) =>
      checkinStatus({ kind: RISE, direction: 'higher', kpiStatus: 'ok', value, ci, expected: 75 });
    assert.equal(at(76, [70, 81]), 'on_track');
    assert.equal(at(75, [70, 80]), 'on_track');
    assert.equal(at(72, [66, 77]), 'at_risk');
    assert.equal(at(72, [69, 74.9]), 'off_track');
    assert.equal(at(72, null), 'off_track');
  });

  it('a falling target (no-show 20 → 10) is on track below the line', () => {
    const fall: TargetKind = { type: 'from_to', start_value: 20, goal: 10, due: '2026-03-16' };
    const s = (value: number, ci: [number, number]) =>
      checkinStatus({ kind: fall, direction: 'lower', kpiStatus: 'ok', value, ci, expected: 15 });
    assert.equal(s(14, [10, 19]), 'on_track');
    assert.equal(s(17, [13, 22]), 'at_risk');
    assert.equal(s(17, [16, 22]), 'off_track');
  });

  it('stay below, stay within, and no verdict on a small sample', () => {
    const below: TargetKind = { type: 'below', x: 10 };
    const base = { direction: 'lower' as const, kpiStatus: 'ok' as const, expected: 10 };
    assert.equal(checkinStatus({ ...base, kind: below, value: 9, ci: [5, 14] }), 'on_track');
    assert.equal(checkinStatus({ ...base, kind: below, value: 12, ci: [8, 16] }), 'at_risk');
    const within: TargetKind = { type: 'within', lo: 45, hi: 55 };
    const w = { direction: 'range' as const, kpiStatus: 'ok' as const, expected: null };
    assert.equal(checkinStatus({ ...w, kind: within, value: 50, ci: null }), 'on_track');
    assert.equal(checkinStatus({ ...w, kind: within, value: 57, ci: [54, 60] }), 'at_risk');
    assert.equal(checkinStatus({ ...w, kind: within, value: 40, ci: null }), 'off_track');
    for (const kpiStatus of ['insufficient_data', 'no_data', 'no_source'] as const) {
      assert.equal(
        checkinStatus({
          kind: RISE,
          direction: 'higher',
          kpiStatus,
          value: 90,
          ci: [80, 95],
          expected: 75,
        }),
        'not_enough_data',
      );
    }
  });

  it('months close after their last day; the running period has no check-in', () => {
    assert.deepEqual(closedPeriods('2026-01-20', 'month', '2026-03-01'), [
      { key: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { key: '2026-02', from: '2026-02-01', to: '2026-02-28' },
    ]);
    assert.equal(closedPeriods('2026-01-05', 'week', '2026-01-11').length, 0);
  });
});
