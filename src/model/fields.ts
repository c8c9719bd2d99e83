import { z } from 'zod';
import { parseInstant } from './instant.js';
import { isCurrency } from './money.js';

/**
 * Field builders shared by every entity schema. Each accepts what a CSV cell gives (a string,
 * where empty means unknown) and what a JSON body gives (numbers, null), and outputs one
 * normalized form: instants as UTC epoch milliseconds, absent values as null.
 */

const blankToNull = (v: unknown): unknown =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);

/** A required source identifier. */
export const id = () =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : trimmed(v)),
    z
      .string({ error: 'is required' })
      .min(1, 'is required')
      .max(200, 'is longer than 200 characters'),
  );

/** An optional free text (null when empty). */
export const text = () =>
  z.preprocess((v) => blankToNull(trimmed(v)), z.string().max(1000).nullable()).default(null);

/** An optional reference to another record's id. */
export const ref = () =>
  z
    .preprocess(
      (v) => blankToNull(typeof v === 'number' ? String(v) : trimmed(v)),
      z.string().max(200).nullable(),
    )
    .default(null);

const instantOf = (timeZone: string) =>
  z
    .union([z.number().int(), z.string()], {
      error: (iss) =>
        iss.input === null || iss.input === undefined ? 'is required' : 'is not a date-time',
    })
    .transform((v, ctx) => {
      if (typeof v === 'number') return v;
      const ms = parseInstant(v, timeZone);
      if (typeof ms === 'string') {
        ctx.addIssue({ code: 'custom', message: ms });
        return z.NEVER;
      }
      return ms;
    });

/** A required instant (ISO 8601 text or epoch milliseconds) → epoch milliseconds. */
export const instant = (timeZone: string) => z.preprocess(blankToNull, instantOf(timeZone));

/** An optional instant → epoch milliseconds or null. */
export const optionalInstant = (timeZone: string) =>
  z.preprocess(blankToNull, instantOf(timeZone).nullable()).default(null);

const numeric = (v: unknown): unknown => {
  const b = blankToNull(v);
  if (typeof b !== 'string') return b;
  const n = Number(b.trim());
  return Number.isNaN(n) ? b : n;
};

/** An optional non-negative number (durations, limits). */
export const nonNegative = () =>
  z
    .preprocess(
      numeric,
      z.number({ error: 'is not a number' }).min(0, 'must not be negative').nullable(),
    )
    .default(null);

/** An optional non-negative integer (limits, counts). */
export const count = () =>
  z
    .preprocess(
      numeric,
      z
        .number({ error: 'is not a number' })
        .int('must be a whole number')
        .min(0, 'must not be negative')
        .nullable(),
    )
    .default(null);

/** A required number. */
export const number = () => z.preprocess(numeric, z.number({ error: 'is not a number' }).finite());

/** An optional decimal amount in major units, kept as text for exact conversion. */
export const money = () =>
  z
    .preprocess(
      (v) => blankToNull(typeof v === 'number' ? String(v) : trimmed(v)),
      z
        .string()
        .regex(/^-?\d+(?:\.\d+)?$/, 'is not a decimal amount (e.g. 120.00)')
        .nullable(),
    )
    .default(null);

/** A required decimal amount in major units. */
export const requiredMoney = () =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : trimmed(v)),
    z
      .string({ error: 'is required' })
      .regex(/^-?\d+(?:\.\d+)?$/, 'is not a decimal amount (e.g. 120.00)'),
  );

/** An optional ISO 4217 currency code. */
export const currency = () =>
  z
    .preprocess(
      (v) => blankToNull(typeof v === 'string' ? v.trim().toUpperCase() : v),
      z.string().refine(isCurrency, 'is not a 3-letter ISO 4217 currency code').nullable(),
    )
    .default(null);

/** A `;`-separated list (or a JSON array) → array of non-empty strings. */
export const list = () =>
  z
    .preprocess((v) => {
      const b = blankToNull(v);
      if (b === null) return [];
      if (typeof b === 'string')
        return b
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean);
      return b;
    }, z.array(z.string()))
    .default([]);

/** An optional value from a closed set; empty → null. Case-insensitive for text input. */
export const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .preprocess(
      (v) => {
        const b = blankToNull(v);
        return typeof b === 'string' ? b.trim().toLowerCase() : b;
      },
      z.enum(values, { error: `must be one of ${values.join(', ')}` }).nullable(),
    )
    .default(null);

/** A required value from a closed set. Case-insensitive for text input. */
export const requiredEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(values, { error: `must be one of ${values.join(', ')}` }),
  );
