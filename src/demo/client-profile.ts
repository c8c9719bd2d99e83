import type { Rng } from './prng.js';
import type { SimulationPlan } from './simulation-plan.js';
import type { MatchKind } from './therapist-matcher.js';
import {
  CHANNEL_WEIGHTS,
  CHANNELS,
  CLIENT_LANGUAGE_WEIGHTS,
  LANGUAGES,
  NEED_WEIGHTS,
  NEEDS,
} from './vocabulary.js';
import { DAY_MS, HOUR_MS } from './zoned-clock.js';

/** A simulated client: pseudonymous id plus the hidden traits that drive their episode. */
export interface SimClient {
  seq: number;
  id: string;
  createdAt: number;
  /** When the client first asks for a session. */
  firstRequest: number;
  /** Already in care when the window opens (no intake in the data). */
  continuing: boolean;
  channel: string;
  need: string;
  language: string;
  neuro: boolean;
  matchKind: MatchKind;
  /** Completed sessions the client means to have. */
  plannedSessions: number;
  cadenceDays: number;
  /** Multiplies the chance of no-shows and cancellations. */
  unreliability: number;
  advanceBooker: boolean;
  rateChance: number;
  surveyChance: number;
  tenPointScale: boolean;
  messageChance: number;
  currency: string;
}

function plannedSessions(rng: Rng, neuro: boolean, continuing: boolean): number {
  const r = rng.next();
  if (continuing) return rng.int(2, 30);
  if (neuro) return r < 0.12 ? rng.int(1, 3) : r < 0.55 ? rng.int(8, 20) : rng.int(20, 40);
  if (r < 0.22) return 1;
  if (r < 0.36) return 2;
  if (r < 0.46) return 3;
  if (r < 0.86) return rng.int(4, 12);
  return rng.int(13, 40);
}

export function drawClient(
  plan: SimulationPlan,
  rng: Rng,
  seq: number,
  arrival: number,
  continuing: boolean,
  neuroShare: number,
): SimClient {
  const neuro = rng.chance(neuroShare);
  const createdAt = continuing ? plan.windowStart - rng.range(14, 240) * DAY_MS : arrival;
  const firstRequest = continuing ? arrival : arrival + rng.range(0.2, 30) * HOUR_MS;
  const cadenceDays = neuro ? (rng.chance(0.35) ? 3.5 : 7) : rng.chance(0.65) ? 7 : 14;
  const u = rng.next();
  return {
    seq,
    id: `c-${String(seq).padStart(6, '0')}`,
    createdAt,
    firstRequest,
    continuing,
    channel: CHANNELS[rng.weighted(CHANNEL_WEIGHTS)]!,
    need: neuro ? rng.pick(['adhd', 'anxiety', 'stress']) : NEEDS[rng.weighted(NEED_WEIGHTS)]!,
    language: LANGUAGES[rng.weighted(CLIENT_LANGUAGE_WEIGHTS)]!,
    neuro,
    matchKind: continuing || rng.chance(0.75) ? 'specialty' : 'first_available',
    plannedSessions: plannedSessions(rng, neuro, continuing),
    cadenceDays,
    unreliability: u < 0.7 ? 0.7 : u < 0.92 ? 1.3 : 3,
    advanceBooker: rng.chance(0.2),
    rateChance: rng.pick([0.1, 0.3, 0.45, 0.75]),
    surveyChance: rng.pick([0.1, 0.25, 0.35, 0.5]),
    tenPointScale: rng.chance(0.15),
    messageChance: rng.pick([0.1, 0.3, 0.5, 0.7]),
    currency: rng.chance(plan.secondCurrencyShare) ? plan.secondCurrency : plan.currency,
  };
}
