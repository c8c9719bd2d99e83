import { z } from 'zod';
import { MAX_OFFSET_MIN, parseInstant } from './instant.js';
import { instantRange, outOfRange, type InstantRange } from './instant-range.js';
import { isCurrency } from './money.js';

/**
 * Field builders shared by every entity schema. Each accepts what a CSV cell gives (a string,
 * where empty means unknown) and what a JSON body gives (numbers, null), and outputs one
 * normalized form: instants as UTC epoch milliseconds, absent values as null. Every number has
 * a range (out of range is an error naming the value, never Infinity or a float in an integer
 * column) and number text is plain decimal only (`0x10`, `0b11`, `1e3`, `Infinity` are not
 * numbers). The same builders serve CSV, the push API and FHIR.
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
 * every field plainly in range (days up to 28, years from 1000, offsets within ±14:00). Anything
 * else (null) goes to parseInstant, which gives the same value for these texts.
 */
function utcInstant(text: string): number | null {
  const m = UTC_INSTANT.exec(text);
  if (!m) return null;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = +m[6]!;
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (m[8] === undefined) return wall;
  const offMin = +m[9]! * 60 + +m[10]!;
  if (+m[10]! > 59 || offMin > MAX_OFFSET_MIN) return null;
  return wall - (m[8] === '-' ? -1 : 1) * offMin * 60_000;
}

/** A JSON number that is not finite (1e309) is shown as text, never as JSON's `null`. */
const finiteOrText = (v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;

const instantOf = (timeZone: string, range: InstantRange) =>
  z
    .union([z.number(), z.string()], {
      error: (iss) =>
        iss.input === null || iss.input === undefined ? 'is required' : 'is not a date-time',
    })
    .transform((v, ctx) => {
      let ms: number | string;
      if (typeof v === 'number') {
        ms = Number.isInteger(v)
          ? (outOfRange(v, String(v), range) ?? v)
          : `"${v}" is not a whole number of epoch milliseconds`;
      } else if (/^[+-]?(Infinity|NaN)$/.test(v.trim())) {
        ms = `"${v}" is out of range (not a finite number)`;
      } else {
        const fast = utcInstant(v);
        ms =
          fast === null ? parseInstant(v, timeZone, range) : (outOfRange(fast, v, range) ?? fast);
      }
      if (typeof ms === 'string') {
        ctx.addIssue({ code: 'custom', message: ms });
        return z.NEVER;
      }
      return ms;
    });

/**
 * A required instant (ISO 8601 text or epoch milliseconds) → epoch milliseconds, within
 * instantRange() as of when the schema is built.
 */
export const instant = (timeZone: string) =>
  z.preprocess((v) => blankToNull(finiteOrText(v)), instantOf(timeZone, instantRange()));

/** An optional instant → epoch milliseconds or null. */
export const optionalInstant = (timeZone: string) =>
  z
    .preprocess((v) => blankToNull(finiteOrText(v)), instantOf(timeZone, instantRange()).nullable())
    .default(null);

/** Plain decimal number text: digits, an optional sign and fraction; no exponent, no base prefix. */
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const numeric = (v: unknown): unknown => {
  const b = blankToNull(v);
  if (typeof b !== 'string') return b;
  const t = b.trim();
  if (!DECIMAL_NUMBER.test(t)) return b;
  const n = Number(t);
  return Number.isFinite(n) ? n : t; // 400 digits: reported as out of range, as written
};

/** A number in [min, max]; whole numbers only with `int`. Decimal text or a JSON number. */
const numberIn = (min: number, max: number, int: boolean) => {
  const range = `(${min} to ${max})`;
  const base = z
    .number({
      error: (iss) =>
        typeof iss.input === 'number' ||
        (typeof iss.input === 'string' && DECIMAL_NUMBER.test(iss.input.trim()))
          ? `"${String(iss.input).trim()}" is out of range ${range}`
          : 'is not a number',
    })
    .min(min, min === 0 ? 'must not be negative' : `is out of range ${range}`)
    .max(max, `is out of range ${range}`);
  return int ? base.int('must be a whole number') : base;
};

/** Minutes in a day: the longest duration a session may have. */
export const MAX_MINUTES = 1440;

/** An optional non-negative number up to `max` (durations, limits). */
export const nonNegative = (max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(numeric, numberIn(0, max, false).nullable()).default(null);

/** An optional duration in minutes: 0 to 1440 (one day). */
export const minutes = () => nonNegative(MAX_MINUTES);

/** An optional non-negative integer up to `max` (limits, counts). */
export const count = (max = 1_000_000) =>
  z.preprocess(numeric, numberIn(0, max, true).nullable()).default(null);

/** A required number in [min, max]. */
export const number = (min = -1e12, max = 1e12) => z.preprocess(numeric, numberIn(min, max, false));

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
