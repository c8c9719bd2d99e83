import type { Rng } from './prng.js';
import type { SimulationPlan } from './simulation-plan.js';
import { MONTH_SEASON } from './vocabulary.js';
import { civilFromDays, DAY_MS, weekday } from './zoned-clock.js';

/** Appointments a client generates on average over the window (measured on the simulator). */
export function expectedAppointments(c: { continuing: boolean; neuro: boolean }): number {
  return c.continuing ? 15.5 : c.neuro ? 14 : 6.2;
}
/** Clients arriving near the window's end cannot make their full episode inside it. */
const LATE_ARRIVAL_ALLOWANCE = 1.04;
/** Clients in care when the window opens, in days of average arrivals. */
const CONTINUING_DAYS = 90;

const DAY_FACTOR = [0.6, 1.15, 1.15, 1.15, 1.15, 1.1, 0.75];
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 2, 4, 6, 6, 5, 5, 5, 5, 5, 5, 5, 4, 4, 3, 3, 2, 1];

function poisson(rng: Rng, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

export interface Arrival {
  at: number;
  continuing: boolean;
}

/**
 * New clients' first contacts, day by day with seasonality (January and September peaks, a
 * summer dip) and fewer at weekends; preceded by the clients already in care at the start.
 * `made` tells how many appointments the clients so far have generated: episode lengths are
 * heavy-tailed, so each day's rate is steered by the plan's count so far against it.
 */
export function* clientArrivals(
  plan: SimulationPlan,
  rng: Rng,
  neuroShare: number,
  made: () => number = () => NaN,
): Generator<Arrival> {
  const days = plan.endDay - plan.startDay;
  let seasonSum = 0;
  for (let d = plan.startDay; d < plan.endDay; d++) {
    seasonSum += MONTH_SEASON[civilFromDays(d)[1] - 1]! * DAY_FACTOR[weekday(d)]!;
  }
  const perNew =
    expectedAppointments({ continuing: false, neuro: false }) * (1 - neuroShare) +
    expectedAppointments({ continuing: false, neuro: true }) * neuroShare;
  const perDay =
    (plan.targetAppointments * LATE_ARRIVAL_ALLOWANCE) /
    (days * perNew + CONTINUING_DAYS * expectedAppointments({ continuing: true, neuro: false }));
  const continuing = Math.round(perDay * CONTINUING_DAYS);
  const first: number[] = [];
  for (let i = 0; i < continuing; i++) first.push(plan.windowStart + rng.range(0, 10) * DAY_MS);
  first.sort((a, b) => a - b);
  for (const at of first) yield { at, continuing: true };
  const scale = (perDay * days) / seasonSum;
  let planned = continuing * expectedAppointments({ continuing: true, neuro: false });
  for (let d = plan.startDay; d < plan.endDay; d++) {
    const sofar = made();
    const pace = sofar > 200 ? Math.min(1.4, Math.max(0.7, planned / sofar)) : 1;
    const base = scale * MONTH_SEASON[civilFromDays(d)[1] - 1]! * DAY_FACTOR[weekday(d)]!;
    planned += base * perNew;
    const mean = pace * base;
    const n = poisson(rng, mean);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const minute = rng.weighted(HOUR_WEIGHTS) * 60 + rng.int(0, 59);
      times.push(plan.clock.toUtc(d, minute) + rng.int(0, 59_999));
    }
    times.sort((a, b) => a - b);
    for (const at of times) if (at >= plan.windowStart) yield { at, continuing: false };
  }
}
