import { z } from 'zod';
import { id, instant } from './fields.js';

/** A block of hours a therapist is available for sessions. */
export const availabilitySchema = (timeZone: string) =>
  z
    .object({ therapist_id: id(), start: instant(timeZone), end: instant(timeZone) })
    .refine((a) => a.end > a.start, { message: 'is not after start', path: ['end'] });

export type Availability = z.output<ReturnType<typeof availabilitySchema>>;
