import { DateTime } from 'luxon';
import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` (a local day in the practice zone). */
export const ZLocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid, 'is not a calendar date');

/** The day `years` years after `date` (both YYYY-MM-DD), clamped like luxon (Feb 29 → Feb 28). */
export const addYears = (date: string, years: number): string =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ years }).toISODate() ?? date;
