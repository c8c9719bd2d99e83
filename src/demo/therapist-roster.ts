import type { Rng } from './prng.js';
import type { SimulationPlan } from './simulation-plan.js';
import {
  CREDENTIALS,
  EXTRA_SPECIALTIES,
  FIRST_NAMES,
  LANGUAGES,
  LAST_NAMES,
  NEED_WEIGHTS,
  NEEDS,
  NEURO_SHARE,
  THERAPIST_LANGUAGE_CHANCE,
} from './vocabulary.js';

export interface WeeklyBlock {
  /** 1 = Monday … 5 = Friday. */
  weekday: number;
  startMin: number;
  hours: number;
}

/** A simulated therapist: the public record plus the habits that drive the simulation. */
export interface SimTherapist {
  index: number;
  id: string;
  displayName: string;
  specialties: string[];
  languages: string[];
  modalities: string[];
  maxPerDay: number;
  maxPerWeek: number;
  /** Local day numbers; null = before or after the window. activeTo is the first day gone. */
  activeFrom: number | null;
  activeTo: number | null;
  /** Day the therapist started on the records (may predate the window; null = not recorded). */
  hiredDay: number | null;
  blocks: WeeklyBlock[];
  /** Regularly books more sessions than their own daily limit. */
  overloader: boolean;
  neuro: boolean;
  priceTalk: number;
  priceIntake: number;
  priceNeuro: number;
  /** Multiplies reply delays (below 1 = faster). */
  replyFactor: number;
  /** Shift of session ratings (care quality). */
  ratingShift: number;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function pickSome(rng: Rng, items: readonly string[], n: number): string[] {
  const pool = [...items];
  const out: string[] = [];
  while (out.length < n && pool.length > 0)
    out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

function weeklyBlocks(rng: Rng, hours: number, overloader: boolean): WeeklyBlock[] {
  const n = Math.max(1, Math.min(5, Math.round(hours / 6)));
  const total = Math.round(hours);
  const days = pickSome(rng, ['1', '2', '3', '4', '5'], n)
    .map(Number)
    .sort((a, b) => a - b);
  const extra = new Set(pickSome(rng, days.map(String), total % n).map(Number));
  return days.map((weekday) => {
    let h = Math.max(4, Math.min(8, Math.floor(total / n) + (extra.has(weekday) ? 1 : 0)));
    if (overloader) h = Math.max(h, 6);
    const startHour = Math.min(20 - h, rng.int(8, 12));
    return { weekday, startMin: startHour * 60, hours: h };
  });
}

/** Share of offered slots that demand is sized to fill (bookings incl. later cancellations). */
const TARGET_FILL = 0.92;
/** Share of weeks a therapist actually works (vacations, holidays). */
const WORKING_SHARE = 0.93;

/**
 * Builds the practice's therapists. Weekly hours are spread unevenly between therapists but
 * sized together (carrying each therapist's rounding over to the next) so that the target
 * appointment count fills about TARGET_FILL of the slots offered.
 */
export function buildRoster(plan: SimulationPlan, rng: Rng): SimTherapist[] {
  const span = plan.endDay - plan.startDay;
  const n = plan.therapists;
  const neuroShare = NEURO_SHARE[plan.profile];
  const neuroCount = Math.max(n >= 3 ? 1 : 0, Math.round(n * neuroShare));
  const out: SimTherapist[] = [];
  const weights: number[] = [];
  const activeShare: number[] = [];
  for (let i = 0; i < n; i++) {
    const neuro = (i * neuroCount) % n < neuroCount;
    const overloader = n >= 3 ? (i % 5 === 1 || rng.chance(0.05)) && !neuro : false;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const primary = NEEDS[rng.weighted(NEED_WEIGHTS)]!;
    const specialties = neuro
      ? ['neurofeedback', ...pickSome(rng, ['adhd', 'anxiety', 'stress', 'trauma'], rng.int(1, 3))]
      : [
          primary,
          ...pickSome(
            rng,
            [...NEEDS, ...EXTRA_SPECIALTIES].filter((s) => s !== primary),
            rng.int(1, 3),
          ),
        ];
    const languages = LANGUAGES.filter(
      (_, k) => rng.chance(THERAPIST_LANGUAGE_CHANCE[k]!) || (k === 1 && i === 2),
    );
    const modalities = ['video'];
    if (rng.chance(0.6)) modalities.push('phone');
    if (rng.chance(0.3)) modalities.push('chat');
    if (neuro || rng.chance(0.35)) modalities.push('in_person');
    let activeFrom: number | null = null;
    let activeTo: number | null = null;
    if (n >= 5 && (i === n - 1 || rng.chance(0.12))) {
      activeFrom = plan.startDay + Math.round(span * rng.range(0.15, 0.7));
    } else if (n >= 5 && (i === n - 2 || rng.chance(0.07))) {
      activeTo = plan.startDay + Math.round(span * rng.range(0.5, 0.95));
    }
    activeShare.push(((activeTo ?? plan.endDay) - (activeFrom ?? plan.startDay)) / span);
    weights.push(rng.range(0.7, 1.3));
    const hiredDay = activeFrom ?? (rng.chance(0.7) ? plan.startDay - rng.int(30, 1500) : null);
    const priceTalk = 5 * rng.int(22, 36);
    out.push({
      index: i,
      id: `t-${pad(i + 1, 4)}`,
      displayName: `${first} ${last}${rng.pick(CREDENTIALS)}`,
      specialties,
      languages,
      modalities,
      maxPerDay: 0,
      maxPerWeek: 0,
      activeFrom,
      activeTo,
      hiredDay,
      blocks: [],
      overloader,
      neuro,
      priceTalk,
      priceIntake: priceTalk + 5 * rng.int(4, 8),
      priceNeuro: 5 * rng.int(19, 28),
      replyFactor: rng.range(0.6, 1.5),
      ratingShift: rng.range(-0.25, 0.2),
    });
  }
  const weeklyTotal = plan.targetAppointments / ((span / 7) * WORKING_SHARE * TARGET_FILL);
  const weighted = weights.reduce((s, w, i) => s + w * activeShare[i]!, 0);
  let carry = 0;
  for (const t of out) {
    const share = activeShare[t.index]!;
    const wanted = (weeklyTotal * weights[t.index]!) / weighted + carry / share;
    t.blocks = weeklyBlocks(rng, Math.max(4, Math.min(40, wanted)), t.overloader);
    const weekly = t.blocks.reduce((s, b) => s + b.hours, 0);
    carry = (wanted - weekly) * share;
    const longest = Math.max(...t.blocks.map((b) => b.hours));
    t.maxPerDay = t.overloader
      ? Math.max(4, longest - rng.int(2, 3))
      : Math.min(8, Math.max(4, longest + rng.int(0, 2)));
    t.maxPerWeek = t.overloader
      ? Math.max(t.maxPerDay, weekly - rng.int(2, 4))
      : weekly + rng.int(0, 4);
  }
  return out;
}
