import type { Rng } from './prng.js';
import type { SlotCalendar } from './slot-calendar.js';
import type { SimTherapist } from './therapist-roster.js';
import { DAY_MS } from './zoned-clock.js';

export type MatchKind = 'specialty' | 'first_available';

export interface MatchRequest {
  need: string;
  language: string;
  neuro: boolean;
  /** Earliest acceptable session start and the instant of booking. */
  from: number;
  bookingAt: number;
  day: number;
  exclude?: number;
}

export interface Match {
  therapist: SimTherapist;
  slot: number;
  /** How the match was actually made (a specialty search with no fitting slot falls back). */
  kind: MatchKind;
}

/**
 * Picks a therapist and their first free slot: by specialty and language (a handful of fitting
 * therapists, earliest slot wins) or "first available" (any therapist speaking the language).
 */
export function createMatcher(roster: readonly SimTherapist[], calendar: SlotCalendar, rng: Rng) {
  const active = (t: SimTherapist, day: number): boolean =>
    (t.activeFrom === null || t.activeFrom <= day) &&
    (t.activeTo === null || t.activeTo > day + 14);
  const pools = new Map<string, SimTherapist[]>();
  const pool = (key: string, test: (t: SimTherapist) => boolean): SimTherapist[] => {
    let p = pools.get(key);
    if (!p) {
      p = roster.filter(test);
      pools.set(key, p);
    }
    return p;
  };
  const earliest = (
    candidates: SimTherapist[],
    r: MatchRequest,
    tries: number,
    days: number,
    kind: MatchKind = 'first_available',
  ): Match | null => {
    let best: Match | null = null;
    const n = candidates.length;
    if (n === 0) return null;
    const sampled =
      n <= tries ? candidates : Array.from({ length: tries }, () => rng.pick(candidates));
    for (const t of sampled) {
      if (t.index === r.exclude || !active(t, r.day)) continue;
      const limit = best ? calendar.start(best.slot) : r.from + days * DAY_MS;
      const slot = calendar.findFree(t.index, r.from, limit, r.bookingAt);
      if (slot >= 0) best = { therapist: t, slot, kind };
    }
    return best;
  };
  return {
    match(kind: MatchKind, r: MatchRequest): Match | null {
      const service = r.neuro ? 'n' : 't';
      const offers = (t: SimTherapist) =>
        r.neuro ? t.neuro : !t.neuro || t.specialties.length > 3;
      const speaks = (t: SimTherapist) => t.languages.includes(r.language);
      if (kind === 'specialty') {
        const fit = pool(
          `${service}|${r.language}|${r.need}`,
          (t) => offers(t) && speaks(t) && (r.neuro || t.specialties.includes(r.need)),
        );
        const m = earliest(fit, r, 8, 24, 'specialty');
        if (m) return m;
      }
      const any = pool(`${service}|${r.language}`, (t) => offers(t) && speaks(t));
      return (
        earliest(any, r, 10, 21) ??
        earliest(pool(service, offers), r, 12, 35) ??
        earliest(
          pool('*', () => true),
          r,
          16,
          60,
        )
      );
    },
  };
}
