import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INITIAL_GUARD, type Observation } from './noise-guard.js';
import { judgePeriods, type JudgeInput, type JudgeOutput } from './judge-periods.js';

const H: Observation = { kind: 'figure', holds: true, recovered: false };
const R: Observation = { kind: 'figure', holds: false, recovered: true };
const B: Observation = { kind: 'figure', holds: false, recovered: false };
const N: Observation = { kind: 'no_figure' };

/** `W47:H W48:R` → this run's observations. */
const seen = (spec: string) =>
  spec.split(' ').map((s) => {
    const [w, o] = s.split(':');
    return { period: `2026-${w}`, obs: { H, R, B, N }[o!]! };
  });

/** Runs the guards on `spec` after `prev` (the previous run's output, if any). */
const run = (spec: string, consecutive: number, prev?: JudgeOutput, again = false) =>
  judgePeriods({
    state: prev?.state ?? INITIAL_GUARD,
    lastPeriod: prev?.lastPeriod ?? null,
    judged: prev?.judged ?? [],
    periods: seen(spec),
    consecutive,
    again,
  } satisfies JudgeInput);

const told = (o: JudgeOutput) =>
  o.changes.map(
    (c) => `${c.period.slice(5)}:${c.transition}${c.reread ? `:${c.reread.slice(5)}` : ''}`,
  );

describe('judging periods again after the data changed', () => {
  it('new periods are judged once, in order, with the state before each remembered', () => {
    const first = run('W47:H W48:H', 2);
    assert.deepEqual(told(first), ['W48:fire']);
    assert.deepEqual(first.state, { state: 'firing', streak: 0 });
    assert.deepEqual(
      first.judged.map((j) => [j.period, j.obs, j.before.state, j.before.streak]),
      [
        ['2026-W47', 'holds', 'resolved', 0],
        ['2026-W48', 'holds', 'resolved', 1],
      ],
    );
    const rerun = run('W47:H W48:H', 2, first);
    assert.deepEqual([told(rerun), rerun.touched], [[], false]);
  });

  it('K = 1: a week judged in band that a late import puts out of band fires once', () => {
    const before = run('W47:R W48:R', 1);
    assert.deepEqual(told(before), []);
    const late = run('W47:R W48:H', 1, before);
    assert.deepEqual(told(late), ['W48:fire:W48']);
    assert.deepEqual(late.state, { state: 'firing', streak: 0 });
    assert.deepEqual(told(run('W47:R W48:H', 1, late)), []);
  });

  it('a re-read that changes nothing in the end tells nothing (no fire-and-resolve pair)', () => {
    const before = run('W47:R W48:R', 1);
    // W47 is now out of band (would fire) and W48 back in (would resolve): the state is as stored.
    const late = run('W47:H W48:R', 1, before);
    assert.deepEqual([told(late), late.state.state, late.touched], [[], 'resolved', true]);
  });

  it('a late import that takes back the only week that fired resolves, at that week', () => {
    const before = run('W47:R W48:H', 1);
    assert.deepEqual(told(before), ['W48:fire']);
    const late = run('W47:R W48:R', 1, before);
    assert.deepEqual(told(late), ['W48:resolve:W48']);
    assert.equal(late.state.state, 'resolved');
  });

  it('the streak follows the replay, and new periods are judged after it', () => {
    // K = 2: W48 alone held (streak 1); a late import makes W47 hold too: W48 fires now.
    const before = run('W46:R W47:R W48:H', 2);
    assert.deepEqual([told(before), before.state.streak], [[], 1]);
    const late = run('W47:H W48:H W49:B', 2, before);
    // Re-read from W47, the replay fires at W48; were that key taken, the newest judged week.
    assert.deepEqual(told(late), ['W48:fire:W47']);
    assert.equal(late.changes[0]!.fallback, '2026-W48');
    assert.deepEqual([late.state, late.lastPeriod], [{ state: 'firing', streak: 0 }, '2026-W49']);
    // Without the late import, W49 holding too fires at W49, the second week in a row.
    const plain = run('W47:R W48:H W49:H', 2, before);
    assert.deepEqual(told(plain), ['W49:fire']);
    // W46 fell out of the window: it is no longer remembered.
    assert.deepEqual(
      late.judged.map((j) => j.period),
      ['2026-W47', '2026-W48', '2026-W49'],
    );
  });

  it('a period that now has no figure breaks the replayed streak', () => {
    const before = run('W47:H W48:H', 2);
    assert.deepEqual(told(before), ['W48:fire']);
    // The late import shows W47 was a small week after all: W48 alone does not fire. No step
    // of the replay changed state, so the change is told at the week that reads differently.
    const late = run('W47:N W48:H', 2, before);
    assert.deepEqual(told(late), ['W47:resolve:W47']);
    assert.deepEqual(late.state, { state: 'resolved', streak: 1 });
  });

  it('nothing remembered (a state from before this rule): judged periods are left alone', () => {
    const stored = { ...run('W47:R W48:R', 1), judged: [] };
    const late = run('W47:R W48:H', 1, stored);
    assert.deepEqual([told(late), late.touched], [[], false]);
  });

  it('data_stale judges today on every run and remembers nothing', () => {
    const day = (o: string) => [{ period: '2026-12-02', obs: { H, R }[o]! }];
    const a = judgePeriods({
      state: INITIAL_GUARD,
      lastPeriod: null,
      judged: [],
      periods: day('H'),
      consecutive: 1,
      again: true,
    });
    assert.deepEqual([a.changes.map((c) => c.transition), a.judged], [['fire'], []]);
    const b = judgePeriods({ ...a, periods: day('R'), consecutive: 1, again: true });
    assert.deepEqual(
      b.changes.map((c) => [c.transition, c.reread]),
      [['resolve', undefined]],
    );
  });
});
