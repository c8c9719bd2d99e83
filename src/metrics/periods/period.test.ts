import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../model/app-error.js';
import { bucketsOf } from './buckets.js';
import { makePeriod } from './period.js';
import { offsetSpans } from './utc-offsets.js';

const H = 3_600_000;

describe('periods', () => {
  it('a March month in America/New_York is 31 days minus one hour, local midnights', () => {
    const p = makePeriod('2026-03-01', '2026-03-31', 'America/New_York');
    assert.equal(p.start, Date.parse('2026-03-01T05:00:00Z'));
    assert.equal(p.end, Date.parse('2026-04-01T04:00:00Z'));
    assert.equal(p.end - p.start, 31 * 24 * H - H);
  });
  it('buckets months, ISO weeks and quarters cut to the period', () => {
    const p = makePeriod('2026-01-15', '2026-03-10', 'Europe/Oslo');
    assert.deepEqual(
      bucketsOf(p, 'month').map((b) => b.key),
      ['2026-01', '2026-02', '2026-03'],
    );
    const weeks = bucketsOf(p, 'week');
    assert.equal(weeks[0]!.key, '2026-W03');
    assert.equal(weeks[0]!.start, p.start);
    assert.equal(weeks[weeks.length - 1]!.end, p.end);
    assert.deepEqual(
      bucketsOf(makePeriod('2025-12-29', '2026-01-04', 'UTC'), 'week').map((b) => b.key),
      ['2026-W01'],
    );
    assert.deepEqual(
      bucketsOf(p, 'quarter').map((b) => b.key),
      ['2026-Q1'],
    );
    for (let i = 1; i < weeks.length; i++) assert.equal(weeks[i]!.start, weeks[i - 1]!.end);
  });
  it('rejects bad dates, reversed ranges and unknown zones as usage errors', () => {
    for (const [from, to, tz] of [
      ['2026-02-30', '2026-03-01', 'UTC'],
      ['2026-1-01', '2026-03-01', 'UTC'],
      ['2026-03-02', '2026-03-01', 'UTC'],
      ['2026-03-01', '2026-03-02', 'Mars/Base'],
    ] as const) {
      assert.throws(
        () => makePeriod(from, to, tz),
        (e) => e instanceof AppError && e.code === 'USAGE',
      );
    }
  });
  it('finds the DST change to the millisecond', () => {
    const p = makePeriod('2026-03-01', '2026-03-31', 'America/New_York');
    const spans = offsetSpans(p.start, p.end, p.timezone);
    assert.deepEqual(
      spans.map((s) => [s.start, s.end, s.offsetMs / H]),
      [
        [p.start, Date.parse('2026-03-08T07:00:00Z'), -5],
        [Date.parse('2026-03-08T07:00:00Z'), p.end, -4],
      ],
    );
  });
});
