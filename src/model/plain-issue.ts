import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const DEFAULT_PREFIXES = [
  'Too small',
  'Too big',
  'Invalid input',
  'Invalid option',
  'Invalid string',
  'Invalid number',
  'Unrecognized key',
];

const quoted = (values: readonly unknown[]): string =>
  values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join(', ');

const what = (origin: unknown): string =>
  origin === 'string' ? 'characters' : origin === 'array' || origin === 'set' ? 'items' : '';

function bound(i: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: unknown }) {
  const limit = Number(i.minimum ?? i.maximum);
  const unit = what(i.origin);
  const low = i.minimum !== undefined;
  if (unit) {
    const n = i.inclusive === false ? (low ? limit + 1 : limit - 1) : limit;
    if (low && n === 1) return unit === 'characters' ? 'must not be empty' : 'needs at least one';
    return `needs ${low ? 'at least' : 'at most'} ${n} ${unit}`;
  }
  const word = low
    ? i.inclusive === false
      ? 'more than'
      : 'at least'
    : i.inclusive === false
      ? 'less than'
      : 'at most';
  return `must be ${word} ${limit}`;
}

/**
 * A zod issue in a person's words. Messages a schema wrote itself are kept; zod's own default
 * wording ("Too small: expected number to be >=0") is rewritten ("must be at least 0").
 */
export function plainIssueMessage(i: Issue): string {
  if (!DEFAULT_PREFIXES.some((p) => i.message.startsWith(p))) return i.message;
  switch (i.code) {
    case 'too_small':
    case 'too_big':
      return bound(i as never);
    case 'invalid_value':
      return i.values.length === 1
        ? `must be ${quoted(i.values)}`
        : `must be one of ${quoted(i.values)}`;
    case 'invalid_type':
      if (i.message.endsWith('received undefined')) return 'is required';
      if (i.expected === 'int') return 'must be a whole number';
      return `must be ${i.expected === 'array' ? 'a list' : `a ${i.expected}`}`;
    case 'invalid_format':
      return i.format === 'regex' ? 'is not in the expected form' : `must be a valid ${i.format}`;
    case 'unrecognized_keys':
      return `unknown field${i.keys.length > 1 ? 's' : ''} ${quoted(i.keys)}`;
    default:
      return i.message;
  }
}

/** The first issue of a failed parse as `path: message` (or the message alone at the root). */
export function firstIssueText(error: z.ZodError, root = ''): string {
  const i = error.issues[0];
  if (!i) return 'invalid input';
  const path = i.path.map(String).join('.') || root;
  return path ? `${path}: ${plainIssueMessage(i)}` : plainIssueMessage(i);
}
