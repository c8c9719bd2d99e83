import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KPI_META } from '../kpi-meta/index.js';
import { bandObservation, type PeriodFigure } from './band-observation.js';
import { INITIAL_GUARD, stepGuard, type GuardState } from './noise-guard.js';

/** Typical from 60 up, above average over 70; under 60 is below_typical. */
const META = {
  ...KPI_META.client_retention_rate,
  bands: {
    online_platform: {
      source: 'test',
      rules: [
        { label: 'above_average' as const, gt: 70 },
        { label: 'typical' as const, gte: 60 },
      ],
    },
  },
};

const ok = (value: number): PeriodFigure => ({ value, status: 'ok' });
const small: PeriodFigure = { value: 40, status: 'insufficient_data' };

/** Runs a sequence of weekly figures through the guards; returns the transitions by week. */
function run(figs: PeriodFigure[], consecutive = 2, margin = 2): string[] {
  let g: GuardState = INITIAL_GUARD;
  const out: string[] = [];
  figs.forEach((f, i) => {
    const obs = bandObservation(f, META, 'online_platform', 'below_typical', margin);
    const { next, transition } = stepGuard(g, obs, consecutive);
    g = next;
    if (transition) out.push(`${i + 1}:${transition}`);
  });
  return out;
}

describe('alert noise guards', () => {
  it('fires only after K consecutive periods below the band (K = 2 by default, 3 here)', () => {
    assert.deepEqual(run([ok(58), ok(65), ok(58), ok(57)]), ['4:fire']);
    assert.deepEqual(run([ok(58), ok(57), ok(56)], 3), ['3:fire']);
    assert.deepEqual(run([ok(58), ok(57)], 3), []);
  });

  it('never fires on a small week, and a small week breaks a streak', () => {
    assert.deepEqual(run([small, small, small]), []);
    assert.deepEqual(run([ok(58), small, ok(58)]), []);
    assert.deepEqual(run([ok(58), small, ok(58), ok(58)]), ['4:fire']);
  });

  it('a figure hovering at the band edge does not flap', () => {
    // 59 is below, 60.5 only just inside: within the 2-point margin it is never "recovered".
    const hover = [ok(58), ok(57), ok(60.5), ok(59), ok(60.5), ok(59), ok(60.5)];
    assert.deepEqual(run(hover), ['2:fire']);
  });

  it('resolves once the figure is back inside by the margin, then can fire again', () => {
    // 62.5 − 2 = 60.5 is typical: recovered. 61.9 − 2 = 59.9 would not be.
    assert.deepEqual(run([ok(58), ok(57), ok(61.9), ok(62.5)]), ['2:fire', '4:resolve']);
    assert.deepEqual(run([ok(58), ok(57), ok(62.5), ok(55), ok(54)]), [
      '2:fire',
      '3:resolve',
      '5:fire',
    ]);
    assert.deepEqual(run([ok(58), ok(57), ok(60.5)], 2, 0), ['2:fire', '3:resolve']);
  });

  it('stays firing through a period without a figure (one notification per state change)', () => {
    assert.deepEqual(run([ok(58), ok(57), small, ok(57), ok(56)]), ['2:fire']);
  });
});
