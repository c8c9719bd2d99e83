import { z } from 'zod';
import { id, instant, optionalInstant, text } from './fields.js';

/** A client, known only by a pseudonymous id. */
export const clientSchema = (timeZone: string) =>
  z
    .object({
      client_id: id(),
      created_at: instant(timeZone),
      acquisition_channel: text(),
      discharged_at: optionalInstant(timeZone),
    })
    .refine((c) => c.discharged_at === null || c.discharged_at >= c.created_at, {
      message: 'is before created_at',
      path: ['discharged_at'],
    });

export type Client = z.output<ReturnType<typeof clientSchema>>;
