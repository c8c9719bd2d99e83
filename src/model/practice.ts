import { z } from 'zod';
import { isTimeZone } from './instant.js';
import { isCurrency } from './money.js';

export const PROFILES = ['online_platform', 'remote_consultation', 'neurofeedback'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * What makes a client new in a period: its first ever completed session (the default) or its
 * intake date, `clients.created_at` (kpi-spec, "New client in P").
 */
export const NEW_CLIENT_BY = ['first_session', 'created_at'] as const;
export type NewClientBy = (typeof NEW_CLIENT_BY)[number];

/** A practice (tenant) and the settings its KPIs are computed with. */
export const ZPractice = z.object({
  practice_id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -'),
  name: z.string().max(200).nullable().default(null),
  timezone: z
    .string()
    .refine(isTimeZone, 'is not an IANA time zone (e.g. America/New_York)')
    .default('UTC'),
  currency: z
    .string()
    .toUpperCase()
    .refine(isCurrency, 'is not an ISO 4217 currency code')
    .default('USD'),
  profile: z.enum(PROFILES).default('online_platform'),
  active_window_days: z.number().int().min(1).max(3650).default(90),
  late_cancel_notice_hours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  min_sample: z.number().int().min(1).max(100000).default(20),
  new_client_by: z.enum(NEW_CLIENT_BY).default('first_session'),
  locale: z.string().default('en-US'),
});
export type Practice = z.output<typeof ZPractice>;

/** The fields a user may change (everything but the id), all optional. */
export const ZPracticeUpdate = ZPractice.omit({ practice_id: true }).partial();
export type PracticeUpdate = z.input<typeof ZPracticeUpdate>;

export const DEFAULT_PRACTICE_ID = 'default';

export const defaultPractice = (practice_id = DEFAULT_PRACTICE_ID): Practice =>
  ZPractice.parse({ practice_id });
