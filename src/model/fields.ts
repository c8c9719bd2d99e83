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

const UTC_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common case of parseInstant, fast: `YYYY-MM-DDTHH:MM:SS[.fff]` and `Z` or `±HH:MM`, with
 * every field plainly in range (days up to 28). Anything else (null) goes to parseInstant, which gives the same
 * value for these texts.
 */
function utcInstant(text: string): number | null {
  const m = UTC_INSTANT.exec(text);
  if (!m) return null;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = +m[6]!;
  if (month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const wall = Date.UTC(+m[1]!, month - 1, day, hour, minute, second, ms);
  if (m[8] === undefined) return wall;
  const offMin = +m[9]! * 60 + +m[10]!;
  return wall - (m[8] === '-' ? -1 : 1) * offMin * 60_000;
}

const instantOf = (timeZone: string) =>
  z
    .union([z.number().int(), z.string()], {
      error: (iss) =>
        iss.input === null || iss.input === undefined ? 'is required' : 'is not a date-time',
    })
    .transform((v, ctx) => {
      if (typeof v === 'number') return v;
      const ms = utcInstant(v) ?? parseInstant(v, timeZone);
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
