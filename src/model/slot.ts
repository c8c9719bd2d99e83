import { z } from 'zod';
import { id, instant, text } from './fields.js';

/** A discrete bookable session slot offered by a therapist. */
export const slotSchema = (timeZone: string) =>
  z
    .object({
      slot_id: id(),
      therapist_id: id(),
      start: instant(timeZone),
      end: instant(timeZone),
      service: text(),
    })
    .refine((s) => s.end > s.start, { message: 'is not after start', path: ['end'] });

export type Slot = z.output<ReturnType<typeof slotSchema>>;
