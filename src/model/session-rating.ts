import { z } from 'zod';
import { id, number, optionalInstant } from './fields.js';

/** A client's 1–5 rating of one session. */
export const sessionRatingSchema = (timeZone: string) =>
  z.object({
    appointment_id: id(),
    rating: number().pipe(
      z.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    ),
    rated_at: optionalInstant(timeZone),
  });

export type SessionRating = z.output<ReturnType<typeof sessionRatingSchema>>;
