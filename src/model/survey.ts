import { z } from 'zod';
import { id, instant, nonNegative, number, text } from './fields.js';

/** The largest scale a survey may declare. */
export const MAX_SCALE = 1000;

/** Instruments with a fixed score range (PHQ-9 0-27, GAD-7 0-21): their scale_max default. */
const INSTRUMENT_MAX: Record<string, number> = { phq9: 27, gad7: 21 };

/**
 * A survey answer: satisfaction (csat, the default) on a 0..scale_max scale (default 5), or a
 * PHQ-9 / GAD-7 total on the instrument's own fixed range. A PHQ-9 or GAD-7 row may leave
 * scale_max empty or give the instrument's own maximum; any other scale_max means the score is
 * not the instrument's total (rescaled, or another form), so the row is rejected rather than
 * read on a scale the outcome rules do not know.
 */
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
    .superRefine((s, ctx) => {
      const fixed = INSTRUMENT_MAX[s.instrument];
      if (fixed === undefined) {
        const max = s.scale_max ?? 5;
        if (s.score < 0 || s.score > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['score'],
            message: `must be between 0 and scale_max (${max})`,
          });
        }
        return;
      }
      if (s.score < 0 || s.score > fixed) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be between 0 and ${fixed} for ${s.instrument}`,
        });
      } else if (!Number.isInteger(s.score)) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be a whole number for ${s.instrument}`,
        });
      } else if (s.scale_max !== null && s.scale_max !== fixed) {
        ctx.addIssue({
          code: 'custom',
          path: ['scale_max'],
          message: `must be empty or ${fixed} for ${s.instrument} (its scale is fixed)`,
        });
      }
    })
    .transform((s) => ({ ...s, scale_max: s.scale_max ?? INSTRUMENT_MAX[s.instrument] ?? 5 }));

export type Survey = z.output<ReturnType<typeof surveySchema>>;
