import { z } from 'zod';
import { count, id, list, optionalInstant, text } from './fields.js';

/** The highest per-day session limit a therapist may set (a session every 15 minutes). */
export const MAX_PER_DAY = 96;

/** A clinician offering sessions; limits are the therapist's own load thresholds. */
export const therapistSchema = (timeZone: string) =>
  z
    .object({
      therapist_id: id(),
      display_name: text(),
      specialties: list(),
      languages: list(),
      modalities: list(),
      max_sessions_per_day: count(MAX_PER_DAY),
      max_sessions_per_week: count(7 * MAX_PER_DAY),
      active_from: optionalInstant(timeZone),
      active_to: optionalInstant(timeZone),
    })
    .refine((t) => t.active_from === null || t.active_to === null || t.active_to >= t.active_from, {
      message: 'is before active_from',
      path: ['active_to'],
    });

export type Therapist = z.output<ReturnType<typeof therapistSchema>>;
