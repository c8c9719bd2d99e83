import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePeriod } from '../periods/period.js';
import { bucketsOf } from '../periods/buckets.js';
import { clocksOf } from './build-clocks.js';
import { firstsOf, runsOf } from './build-client-spells.js';
import { DAY, dayBuckets, dayNumber } from './local-day.js';
import { readInChunks } from './read-in-chunks.js';

const HOUR = 3_600_000;
const msg = (sender: string, at: number, therapist: string | null = null) => ({
  conv: 'x',
  sender,
  at,
  client: 'c1',
  therapist,
});

describe('rollup shapes', () => {
  it('local day numbers follow the zone, across the DST change', () => {
    const zone = 'America/New_York';
    // 2026-03-08 00:00 local (EST) and 2026-03-09 00:00 local (EDT): 23 hours apart.
    const a = Date.parse('2026-03-08T05:00:00Z');
    const b = Date.parse('2026-03-09T04:00:00Z');
    assert.equal(dayNumber(b, zone) - dayNumber(a, zone), 1);
    assert.equal(dayNumber(b - 1, zone), dayNumber(a, zone));
    assert.equal(dayNumber(a - 1, zone), dayNumber(a, zone) - 1);
    assert.equal(dayNumber(Date.parse('1969-12-31T23:00:00Z'), 'UTC'), -1);
    const p = makePeriod('2026-03-01', '2026-03-31', zone);
    const days = dayBuckets(bucketsOf(p, 'week'), zone);
    assert.equal(days[0]!.start, Math.floor(Date.parse('2026-03-01T00:00:00Z') / DAY));
    assert.equal(days.at(-1)!.end, Math.floor(Date.parse('2026-04-01T00:00:00Z') / DAY));
  });

  it('clocks start at the first of a run of client messages and stop at the next reply', () => {
    const clocks = clocksOf([
      msg('client', 0),
      msg('client', 1 * HOUR),
      msg('therapist', 3 * HOUR, 't1'),
      msg('therapist', 4 * HOUR, 't1'),
      msg('client', 5 * HOUR, 't2'),
    ]);
    assert.deepEqual(clocks, [
      { openedAt: 0, waitMs: 3 * HOUR, therapist: 't1', client: 'c1' },
      { openedAt: 5 * HOUR, waitMs: null, therapist: 't2', client: 'c1' },
    ]);
  });

  it('with one attribution, runs are spells: sessions whose active windows overlap or touch', () => {
    const W = 10;
    const at = (...starts: number[]) =>
      runsOf(
        starts.map((s) => ({ at: s, therapist: 'a', service: null })),
        W,
      ).map(([from, to]) => [from, to]);
    assert.deepEqual(at(0, 5, 15, 40, 50), [
      [0, 25],
      [40, 60],
    ]);
    // Active at t when a session lies in [t − W, t): t = 25 is active (session 15), 26 is not.
    assert.deepEqual(at(0, 10), [[0, 20]]);
  });

  it('runs cut the spells where the attribution changes, ties to the smallest key of each', () => {
    const W = 10;
    const s = (at: number, therapist: string, service: string | null = 'talk') => ({
      at,
      therapist,
      service,
    });
    // 0 a, 5 a: one run; 15 b cuts it (the last session before t ∈ (15, 25] is b's); a gap
    // of more than W ends the spell; at 40 two sessions tie: therapist a (smaller than c) and
    // service '(none)' of the null one (smaller than 'talk'), though they are different rows.
    assert.deepEqual(
      runsOf([s(0, 'a'), s(5, 'a'), s(15, 'b'), s(40, 'c'), s(40, 'a', null), s(45, 'a', null)], W),
      [
        [0, 15, 'a', 'talk'],
        [15, 25, 'b', 'talk'],
        [40, 55, 'a', null],
      ],
    );
    // Cut at every change of therapist, ended by a gap longer than W.
    const sessions = [s(0, 'a'), s(3, 'b'), s(9, 'a'), s(30, 'a'), s(31, 'c')];
    const runs = runsOf(sessions, W);
    assert.deepEqual(runs, [
      [0, 3, 'a', 'talk'],
      [3, 9, 'b', 'talk'],
      [9, 19, 'a', 'talk'],
      [30, 31, 'a', 'talk'],
      [31, 41, 'c', 'talk'],
    ]);
  });

  it('firsts: return within 30 days, rematch by the 2nd or 3rd session', () => {
    const s = (days: number, therapist: string) => ({ at: days * DAY, therapist });
    assert.deepEqual(firstsOf([s(0, 'a'), s(29, 'a'), s(40, 'b')]), {
      firstAt: 0,
      returned: true,
      rematched: true,
    });
    assert.deepEqual(firstsOf([s(0, 'a'), s(30, 'a'), s(40, 'a'), s(50, 'b')]), {
      firstAt: 0,
      returned: false,
      rematched: false,
    });
    assert.equal(firstsOf([]), null);
  });

  it('reads in pages without splitting a key', async () => {
    const rows = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd', 'd', 'd', 'd', 'e'];
    const pages: string[][] = [];
    await readInChunks(
      async (after, limit) => rows.filter((r) => after === null || r > after).slice(0, limit),
      (r) => r,
      (page) => void pages.push(page),
      3,
    );
    assert.deepEqual(pages.flat(), rows);
    for (const p of pages) {
      for (const k of new Set(p))
        assert.equal(p.filter((r) => r === k).length, rows.filter((r) => r === k).length);
    }
  });
});
