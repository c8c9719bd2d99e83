import { z } from 'zod';
import type { AlertTransition } from '../../model/alert-rule.js';
import { stepGuard, type GuardState, type Observation } from './noise-guard.js';

/** An observation as remembered: what the guards need of it to tell whether it changed. */
const ZObsCode = z.enum(['none', 'holds', 'recovered', 'between']);
type ObsCode = z.infer<typeof ZObsCode>;

const ZGuardState = z.object({ state: z.enum(['firing', 'resolved']), streak: z.number().int() });

/** One period a rule × subject still observes: its observation and the guard state before it. */
export const ZJudgedPeriods = z.array(
  z.object({ period: z.string(), obs: ZObsCode, before: ZGuardState }),
);
export type JudgedPeriod = z.infer<typeof ZJudgedPeriods>[number];

export const obsCode = (o: Observation): ObsCode =>
  o.kind === 'no_figure' ? 'none' : o.holds ? 'holds' : o.recovered ? 'recovered' : 'between';

/** A state change to claim and send. */
export interface Judgment {
  period: string;
  transition: AlertTransition;
  /** The first closed period judged before that reads differently now (a late import). */
  reread?: string;
  /** A re-judged change whose period's key was already used is claimed under this one. */
  fallback?: string;
}

export interface JudgeInput {
  state: GuardState;
  /** The last period judged, null before the first run. */
  lastPeriod: string | null;
  /** The remembered periods (from the last run). */
  judged: JudgedPeriod[];
  /** This run's observations, oldest first. */
  periods: { period: string; obs: Observation }[];
  consecutive: number;
  /** data_stale: today is judged on every run and nothing is remembered. */
  again: boolean;
}

export interface JudgeOutput {
  state: GuardState;
  lastPeriod: string | null;
  judged: JudgedPeriod[];
  changes: Judgment[];
  /** Whether any period was (re)judged, i.e. the state is to be written. */
  touched: boolean;
}

/**
 * One run of a rule × subject's guards. New periods are stepped in order and each change is
 * told, as always. Before them, if a period judged on an earlier run now reads differently (a
 * late import moved its figure), the guard rewinds to the state remembered before that period
 * and steps again through the judged periods; when that ends in another state than the stored
 * one, ONE change is told (fire or resolve, at the period where the replay last changed state,
 * else at the re-read period), whatever happened in between; when it ends in the same state,
 * nothing is told and only the streak follows the replay.
 */
export function judgePeriods(input: JudgeInput): JudgeOutput {
  const { lastPeriod, consecutive, again } = input;
  const periods = [...input.periods].sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
  );
  const mem = new Map(input.judged.map((j) => [j.period, j]));
  const judgedBefore = (p: string) =>
    lastPeriod !== null && (again ? p < lastPeriod : p <= lastPeriod);
  const old = periods.filter((p) => judgedBefore(p.period));
  const fresh = periods.filter((p) => !judgedBefore(p.period));
  const at = again
    ? -1
    : old.findIndex((p) => {
        const m = mem.get(p.period);
        return m !== undefined && m.obs !== obsCode(p.obs);
      });
  const judged: JudgedPeriod[] = [];
  const changes: Judgment[] = [];
  let g = input.state;
  const keep = at === -1 ? old : old.slice(0, at);
  for (const p of keep) {
    const m = mem.get(p.period);
    if (m) judged.push(m);
  }
  if (at !== -1) {
    let r = mem.get(old[at]!.period)!.before;
    let last: string | null = null;
    for (const p of old.slice(at)) {
      judged.push({ period: p.period, obs: obsCode(p.obs), before: r });
      const step = stepGuard(r, p.obs, consecutive);
      r = step.next;
      if (step.transition) last = p.period;
    }
    if (r.state !== g.state) {
      changes.push({
        period: last ?? old[at]!.period,
        transition: r.state === 'firing' ? 'fire' : 'resolve',
        reread: old[at]!.period,
        fallback: old.at(-1)!.period,
      });
    }
    g = r;
  }
  let lp = lastPeriod;
  for (const p of fresh) {
    if (!again) judged.push({ period: p.period, obs: obsCode(p.obs), before: g });
    const step = stepGuard(g, p.obs, consecutive);
    g = step.next;
    lp = p.period;
    if (step.transition) {
      changes.push({ period: p.period, transition: step.transition });
    }
  }
  return { state: g, lastPeriod: lp, judged, changes, touched: at !== -1 || fresh.length > 0 };
}
