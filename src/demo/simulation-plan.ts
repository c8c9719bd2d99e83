import { PROFILES, type Profile } from '../model/practice.js';
import { civilFromDays, createZonedClock, daysFromCivil, type ZonedClock } from './zoned-clock.js';

export const SIZES = ['sample', 'small', 'medium', 'large', 'platform'] as const;
export type Size = (typeof SIZES)[number];

export interface SimulationOptions {
  seed?: number;
  size?: Size;
  /** Last local date of the simulated window, `YYYY-MM-DD` (default 2026-10-31). */
  end?: string;
  months?: number;
  timezone?: string;
  profile?: Profile;
  /** Aim for about this many appointments (therapist count scales with it). */
  targetAppointments?: number;
}

interface Preset {
  therapists: number;
  months: number;
  appointments: number;
  profile: Profile;
  name: string;
  secondCurrencyShare: number;
}

const PRESETS: Record<Size, Preset> = {
  sample: {
    therapists: 3,
    months: 4,
    appointments: 540,
    profile: 'remote_consultation',
    name: 'Maple Street Counseling (demo)',
    secondCurrencyShare: 0,
  },
  small: {
    therapists: 10,
    months: 12,
    appointments: 5000,
    profile: 'remote_consultation',
    name: 'Harbor Light Therapy Group (demo)',
    secondCurrencyShare: 0,
  },
  medium: {
    therapists: 60,
    months: 18,
    appointments: 60_000,
    profile: 'neurofeedback',
    name: 'Northfield Neurofeedback & Counseling (demo)',
    secondCurrencyShare: 0,
  },
  large: {
    therapists: 1750,
    months: 24,
    appointments: 1_000_000,
    profile: 'online_platform',
    name: 'OpenDoor Online Therapy (demo)',
    secondCurrencyShare: 0.04,
  },
  // An online platform at national scale (issue 14): for the bench, not for loading by hand.
  platform: {
    therapists: 30_000,
    months: 24,
    appointments: 10_000_000,
    profile: 'online_platform',
    name: 'Commonwealth Telehealth Network (demo)',
    secondCurrencyShare: 0.04,
  },
};

/** Everything the simulator derives from the options, fixed before the first row. */
export interface SimulationPlan {
  seed: number;
  size: Size;
  name: string;
  profile: Profile;
  timezone: string;
  currency: 'USD';
  secondCurrency: 'CAD';
  secondCurrencyShare: number;
  clock: ZonedClock;
  /** First local day number of the window and the day after its last. */
  startDay: number;
  endDay: number;
  /** The window's bounds as instants: [windowStart, windowEnd). */
  windowStart: number;
  windowEnd: number;
  /** Slots and availability are offered up to this day (future bookings land before it). */
  horizonDay: number;
  therapists: number;
  targetAppointments: number;
}

export function resolvePlan(options: SimulationOptions = {}): SimulationPlan {
  const size = options.size ?? 'small';
  const preset = PRESETS[size];
  if (!preset) throw new Error(`unknown size "${String(size)}" (use ${SIZES.join(', ')})`);
  const profile = options.profile ?? preset.profile;
  if (!PROFILES.includes(profile)) throw new Error(`unknown profile "${profile}"`);
  const end = options.end ?? '2026-10-31';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(end);
  if (!m) throw new Error(`end must be YYYY-MM-DD, got "${end}"`);
  const months = options.months ?? preset.months;
  const endDay = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) + 1;
  const [ey, em, ed] = civilFromDays(endDay);
  const startDay = daysFromCivil(ey, em - months, ed);
  const timezone = options.timezone ?? 'America/New_York';
  const clock = createZonedClock(timezone);
  const perMonth = preset.appointments / preset.months;
  const target = options.targetAppointments ?? Math.round(perMonth * months);
  const scale = target / (perMonth * months);
  return {
    seed: options.seed ?? 1,
    size,
    name: preset.name,
    profile,
    timezone,
    currency: 'USD',
    secondCurrency: 'CAD',
    secondCurrencyShare: preset.secondCurrencyShare,
    clock,
    startDay,
    endDay,
    windowStart: clock.toUtc(startDay, 0),
    windowEnd: clock.toUtc(endDay, 0),
    horizonDay: endDay + 35,
    therapists: Math.max(1, Math.round(preset.therapists * scale)),
    targetAppointments: target,
  };
}
