import type { Rng } from './prng.js';
import type { SimulationPlan } from './simulation-plan.js';
import type { SimTherapist } from './therapist-roster.js';
import { civilFromDays, HOUR_MS, MINUTE_MS, weekday } from './zoned-clock.js';
import { HOLIDAYS } from './vocabulary.js';
import type { RowSink } from './row-buffer.js';

/**
 * Every therapist's offered hourly slots over the window (and a few weeks past it), with which
 * are taken. Availability and slot rows are emitted while it is built; only typed arrays stay.
 */
export interface SlotCalendar {
  /** Global slot index of the first free slot of a therapist starting in [from, until), or -1. */
  findFree(therapist: number, from: number, until: number, bookingAt: number): number;
  reserve(slot: number): void;
  /** Frees a slot for bookings made at or after `at` (an early cancellation). */
  release(slot: number, at: number): void;
  start(slot: number): number;
  slotId(slot: number): string;
  /** End of the therapist's availability block on the local day of `at`, or null. */
  blockEnd(therapist: SimTherapist, day: number): number | null;
}

export function buildSlotCalendar(
  plan: SimulationPlan,
  roster: readonly SimTherapist[],
  rng: Rng,
  emit: RowSink,
  flush: () => Promise<void>,
): Promise<SlotCalendar> {
  const { clock } = plan;
  const base = new Int32Array(roster.length + 1);
  const starts: number[] = [];
  return (async () => {
    for (const t of roster) {
      base[t.index] = starts.length;
      const from = Math.max(plan.startDay, t.activeFrom ?? -Infinity);
      const to = Math.min(plan.horizonDay, t.activeTo ?? Infinity);
      let vacationUntil = -1;
      for (let day = from; day < to; day++) {
        const wd = weekday(day);
        const [, m, d] = civilFromDays(day);
        if (wd === 1 && rng.chance(VACATION_CHANCE[m - 1]!))
          vacationUntil = day + 7 * rng.int(1, 2);
        if (day < vacationUntil) continue;
        if (HOLIDAYS.has(`${m}-${d}`)) continue;
        for (const b of t.blocks) {
          if (b.weekday !== wd) continue;
          const blockStart = clock.toUtc(day, b.startMin);
          const blockEnd = clock.toUtc(day, b.startMin + b.hours * 60);
          emit('availability', {
            therapist_id: t.id,
            start: clock.format(blockStart),
            end: clock.format(blockEnd),
          });
          const service = t.neuro ? 'neurofeedback' : rng.chance(0.1) ? '' : 'talk_therapy';
          for (let h = 0; h < b.hours; h++) {
            const s = clock.toUtc(day, b.startMin + h * 60);
            starts.push(s);
            emit('slots', {
              slot_id: slotIdOf(starts.length - 1),
              therapist_id: t.id,
              start: clock.format(s),
              end: clock.format(s + HOUR_MS),
              service,
            });
          }
          const login = blockStart - rng.int(3, 40) * MINUTE_MS - rng.int(0, 59) * 1000;
          if (login < plan.windowEnd) {
            emit('activity', {
              user_id: t.id,
              user_type: 'therapist',
              occurred_at: clock.format(login),
              kind: 'login',
            });
          }
        }
      }
      await flush();
    }
    base[roster.length] = starts.length;
    const start = Float64Array.from(starts);
    const taken = new Uint8Array(start.length);
    const releasedAt = new Float64Array(start.length);
    const isFree = (k: number, at: number): boolean =>
      taken[k] === 0 || (releasedAt[k]! > 0 && releasedAt[k]! <= at);
    return {
      findFree(therapist, from, until, bookingAt) {
        let lo = base[therapist]!;
        let hi = base[therapist + 1]!;
        const end = hi;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (start[mid]! < from) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < end && start[k]! < until; k++) if (isFree(k, bookingAt)) return k;
        return -1;
      },
      reserve(k) {
        taken[k] = 1;
        releasedAt[k] = 0;
      },
      release(k, at) {
        releasedAt[k] = at;
      },
      start: (k) => start[k]!,
      slotId: slotIdOf,
      blockEnd(t, day) {
        const wd = weekday(day);
        const b = t.blocks.find((x) => x.weekday === wd);
        return b ? clock.toUtc(day, b.startMin + b.hours * 60) : null;
      },
    };
  })();
}

/** Chance a therapist starts one or two weeks off on a Monday, by month (summer, December). */
const VACATION_CHANCE = [0.02, 0.02, 0.03, 0.02, 0.03, 0.06, 0.13, 0.13, 0.02, 0.02, 0.03, 0.08];

const slotIdOf = (k: number): string => `sl-${String(k + 1).padStart(7, '0')}`;
