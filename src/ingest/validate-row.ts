import type { z } from 'zod';
import { issue, type Issue } from '../model/issue.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Validates one record with an entity schema. Each zod issue becomes an error issue at
 * `file:line:field` whose message names the field, the value given and what is wrong with it.
 */
export function validateRow<S extends z.ZodType>(
  schema: S,
  input: Record<string, string>,
  file: string,
  line: number,
): ValidationResult<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((zi) => {
      const field = String(zi.path[0] ?? '');
      const raw = input[field];
      const blank = raw === undefined || raw.trim() === '';
      const code = blank && zi.message === 'is required' ? 'missing_value' : 'invalid_value';
      const reason =
        blank || zi.message.startsWith('"') ? zi.message : `"${show(raw)}" ${zi.message}`;
      return issue(
        'error',
        code,
        field ? `${field}: ${reason}` : reason,
        `${file}:${line}${field ? `:${field}` : ''}`,
      );
    }),
  };
}
