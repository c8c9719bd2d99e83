import { z } from 'zod';
import { id, instant, requiredEnum, text } from './fields.js';

/** One platform usage event (log-in, page view, message sent) by a client or therapist. */
export const activitySchema = (timeZone: string) =>
  z.object({
    user_id: id(),
    user_type: requiredEnum(['client', 'therapist'] as const),
    occurred_at: instant(timeZone),
    kind: text().transform((v) => v ?? ''),
  });

export type Activity = z.output<ReturnType<typeof activitySchema>>;
