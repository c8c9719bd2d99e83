import type { CheckinStatus, TargetKind } from '../../model/target.js';
import type { Direction } from '../kpi-meta/index.js';
import { dayCount } from '../periods/local-days.js';
import type { KpiStatus } from '../engine/kpi-result.types.js';

/**
 * The value a target expects at the end of a period (the midnight after `periodTo`):
 * `from_to` on the straight line from `start_value` at the start of `startDate` to `goal` at
 * the start of `due`, held at the goal after it (and at the start before the start); the bound
 * for `above` / `below`; null for `within` (a band, not a point).
 */
export function expectedValue(
  kind: TargetKind,
  startDate: string,
  periodTo: string,
): number | null {
  switch (kind.type) {
    case 'from_to': {
      const total = dayCount(startDate, kind.due) - 1;
      const elapsed = dayCount(startDate, periodTo);
      const share = Math.min(1, Math.max(0, elapsed / total));
      return kind.start_value + (kind.goal - kind.start_value) * share;
    }
    case 'above':
    case 'below':
      return kind.x;
    case 'within':
      return null;
  }
}

/** Which way is better for a target: its own kind, or the KPI's direction when the kind has none. */
function better(kind: TargetKind, direction: Direction): 'higher' | 'lower' | 'band' {
  if (kind.type === 'above') return 'higher';
  if (kind.type === 'below') return 'lower';
  if (kind.type === 'within') return 'band';
  if (kind.goal !== kind.start_value) return kind.goal > kind.start_value ? 'higher' : 'lower';
  return direction === 'lower' ? 'lower' : 'higher';
}

/**
 * The status of one check-in: `not_enough_data` when the KPI is not `ok` (too small a sample,
 * no data, no source); `on_track` when the value is on the good side of the expected value or
 * bound (reaching it counts); `at_risk` when it is not but its interval still reaches it;
 * `off_track` otherwise (also for a figure without interval, which cannot reach).
 */
export function checkinStatus(input: {
  kind: TargetKind;
  direction: Direction;
  kpiStatus: KpiStatus;
  value: number | null;
  ci: readonly [number, number] | null;
  expected: number | null;
}): CheckinStatus {
  const { kind, kpiStatus, value, ci, expected } = input;
  if (kpiStatus !== 'ok' || value === null) return 'not_enough_data';
  const way = better(kind, input.direction);
  if (way === 'band' && kind.type === 'within') {
    if (value >= kind.lo && value <= kind.hi) return 'on_track';
    return ci !== null && ci[1] >= kind.lo && ci[0] <= kind.hi ? 'at_risk' : 'off_track';
  }
  const bound = expected ?? 0;
  if (way === 'higher') {
    if (value >= bound) return 'on_track';
    return ci !== null && ci[1] >= bound ? 'at_risk' : 'off_track';
  }
  if (value <= bound) return 'on_track';
  return ci !== null && ci[0] <= bound ? 'at_risk' : 'off_track';
}
