import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedPeriods, lastClosedPeriods } from './closed-periods.js';

describe('closed periods', () => {
  it('weeks from the Monday of the start day, up to the last one ended before today', () => {
    // 2026-03-04 is a Wednesday; on Monday 2026-03-16 the week of Mar 9–15 has just closed.
    assert.deepEqual(closedPeriods('2026-03-04', 'week', '2026-03-16'), [
      { key: '2026-W10', from: '2026-03-02', to: '2026-03-08' },
      { key: '2026-W11', from: '2026-03-09', to: '2026-03-15' },
    ]);
    // On the Sunday itself that week is still running.
    assert.equal(closedPeriods('2026-03-04', 'week', '2026-03-15').length, 1);
  });

  it('the last closed periods carry their instants in the zone (DST included)', () => {
    // Tuesday 2026-04-07 10:00 in New York: the last two closed months are February and March;
    // March holds the switch to daylight time on Mar 8 (31 days less one hour).
    const now = Date.parse('2026-04-07T14:00:00Z');
    const months = lastClosedPeriods('month', 'America/New_York', now, 2);
    assert.deepEqual(
      months.map((m) => [m.key, m.from, m.to]),
      [
        ['2026-02', '2026-02-01', '2026-02-28'],
        ['2026-03', '2026-03-01', '2026-03-31'],
      ],
    );
    assert.equal(months[1]!.start, Date.parse('2026-03-01T05:00:00Z'));
    assert.equal(months[1]!.end, Date.parse('2026-04-01T04:00:00Z'));
    const weeks = lastClosedPeriods('week', 'America/New_York', now, 3);
    assert.deepEqual(
      weeks.map((w) => w.key),
      ['2026-W12', '2026-W13', '2026-W14'],
    );
    assert.equal(weeks[2]!.from, '2026-03-30');
  });
});
