import { z } from 'zod';
import { id, instant, nonNegative, number, text } from './fields.js';

/** A survey answer (satisfaction by default) on a 1..scale_max scale. */
export const surveySchema = (timeZone: string) =>
  z
    .object({
      response_id: id(),
      client_id: id(),
      responded_at: instant(timeZone),
      score: number(),
      scale_max: nonNegative().pipe(z.number().positive('must be positive').nullable()),
      instrument: text().transform((v) => (v ?? 'csat').toLowerCase()),
    })
    .transform((s) => ({ ...s, scale_max: s.scale_max ?? 5 }))
    .superRefine((s, ctx) => {
      if (s.score < 0 || s.score > s.scale_max) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be between 0 and scale_max (${s.scale_max})`,
        });
      }
    });

export type Survey = z.output<ReturnType<typeof surveySchema>>;
