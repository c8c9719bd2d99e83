import type { AlertTransition } from '../../model/alert-rule.js';

/** What one closed period says about a rule × subject. */
export type Observation =
  /** No figure to judge (insufficient_data, no_data, no_source): never a reason to fire. */
  | { kind: 'no_figure' }
  /**
   * holds: the alert condition is true; recovered: the figure is back inside by the recovery
   * margin (hysteresis). Between the two (holds false, recovered false) nothing changes.
   */
  | { kind: 'figure'; holds: boolean; recovered: boolean };

export interface GuardState {
  state: 'firing' | 'resolved';
  /** Consecutive periods the condition has held while resolved. */
  streak: number;
}

export const INITIAL_GUARD: GuardState = { state: 'resolved', streak: 0 };

/**
 * One step of the noise guards: fire only after `consecutive` periods in a row in which the
 * condition holds, resolve only once recovered past the margin, and nothing at all on a period
 * without a figure (a small week interrupts a streak instead of counting towards it).
 */
export function stepGuard(
  prev: GuardState,
  obs: Observation,
  consecutive: number,
): { next: GuardState; transition: AlertTransition | null } {
  if (obs.kind === 'no_figure') {
    return { next: { ...prev, streak: 0 }, transition: null };
  }
  if (prev.state === 'resolved') {
    if (!obs.holds) return { next: { state: 'resolved', streak: 0 }, transition: null };
    const streak = prev.streak + 1;
    if (streak >= consecutive) return { next: { state: 'firing', streak: 0 }, transition: 'fire' };
    return { next: { state: 'resolved', streak }, transition: null };
  }
  if (obs.recovered) return { next: { state: 'resolved', streak: 0 }, transition: 'resolve' };
  return { next: prev, transition: null };
}
