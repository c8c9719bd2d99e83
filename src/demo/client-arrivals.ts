import type { Rng } from './prng.js';
import type { SimulationPlan } from './simulation-plan.js';
import { MONTH_SEASON } from './vocabulary.js';
import { civilFromDays, DAY_MS, weekday } from './zoned-clock.js';

/** Expected appointments generated per new talk-therapy or neurofeedback client, per client already in care. */
const APPOINTMENTS_PER_TALK_CLIENT = 6;
const APPOINTMENTS_PER_NEURO_CLIENT = 13;
const APPOINTMENTS_PER_CONTINUING_CLIENT = 14.5;
/** Clients in care when the window opens, in days of average arrivals. */
const CONTINUING_DAYS = 70;

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
 */
export function* clientArrivals(
  plan: SimulationPlan,
  rng: Rng,
  neuroShare: number,
): Generator<Arrival> {
  const days = plan.endDay - plan.startDay;
  let seasonSum = 0;
  for (let d = plan.startDay; d < plan.endDay; d++) {
    seasonSum += MONTH_SEASON[civilFromDays(d)[1] - 1]! * DAY_FACTOR[weekday(d)]!;
  }
  const perNew =
    APPOINTMENTS_PER_TALK_CLIENT * (1 - neuroShare) + APPOINTMENTS_PER_NEURO_CLIENT * neuroShare;
  const perDay =
    plan.targetAppointments /
    (days * perNew + CONTINUING_DAYS * APPOINTMENTS_PER_CONTINUING_CLIENT);
  const continuing = Math.round(perDay * CONTINUING_DAYS);
  const first: number[] = [];
  for (let i = 0; i < continuing; i++) first.push(plan.windowStart + rng.range(0, 10) * DAY_MS);
  first.sort((a, b) => a - b);
  for (const at of first) yield { at, continuing: true };
  const scale = (perDay * days) / seasonSum;
  for (let d = plan.startDay; d < plan.endDay; d++) {
    const mean = scale * MONTH_SEASON[civilFromDays(d)[1] - 1]! * DAY_FACTOR[weekday(d)]!;
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
