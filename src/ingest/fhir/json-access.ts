/** A parsed JSON object whose shape is not known yet. */
export type Json = Record<string, unknown>;

/** The value as an object, or undefined. */
export const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** The value as an array (a single value becomes a one-element array; absent → []). */
export const arr = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];

/** The objects of an array-valued field. */
export const objs = (v: unknown): Json[] =>
  arr(v)
    .map(obj)
    .filter((o): o is Json => o !== undefined);

/** The value as a non-empty string, or undefined. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** The value as a finite number (numeric strings included), or undefined. */
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};
