import { z } from 'zod';
import { id, instant, nonNegative, number, text } from './fields.js';

/** The largest scale a survey may declare. */
export const MAX_SCALE = 1000;

/** Instruments with a fixed score range (PHQ-9 0-27, GAD-7 0-21): their scale_max default. */
const INSTRUMENT_MAX: Record<string, number> = { phq9: 27, gad7: 21 };

/** A survey answer (satisfaction by default) on a 1..scale_max scale. */
export const surveySchema = (timeZone: string) =>
  z
    .object({
      response_id: id(),
      client_id: id(),
      responded_at: instant(timeZone),
      score: number(),
      scale_max: nonNegative(MAX_SCALE).pipe(z.number().positive('must be positive').nullable()),
      instrument: text().transform((v) => (v ?? 'csat').toLowerCase()),
    })
    .transform((s) => ({ ...s, scale_max: s.scale_max ?? INSTRUMENT_MAX[s.instrument] ?? 5 }))
    .superRefine((s, ctx) => {
      const fixed = INSTRUMENT_MAX[s.instrument];
      if (fixed !== undefined && (s.score < 0 || s.score > fixed)) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be between 0 and ${fixed} for ${s.instrument}`,
        });
        return;
      }
      if (s.score < 0 || s.score > s.scale_max) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be between 0 and scale_max (${s.scale_max})`,
        });
      }
    });

export type Survey = z.output<ReturnType<typeof surveySchema>>;
