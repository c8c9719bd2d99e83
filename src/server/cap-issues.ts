import type { Issue } from '../model/issue.js';
import type { RequestLimits } from './request-limits.js';

/** A quoted value in a message ("…"), escapes included. */
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/** `text` cut to `max` characters, saying how long it was. */
const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;

/** A message whose quoted values are at most `max` characters, and at most 4 × max + 200 in all. */
export const shortenMessage = (message: string, max: number): string =>
  cut(
    message.replace(QUOTED, (whole, value: string) =>
      value.length <= max ? whole : `"${value.slice(0, max)}…" (${value.length} characters)`,
    ),
    4 * max + 200,
  );

/**
 * The issues an answer lists: the first `maxIssues`, their messages and paths never repeating a
 * whole long value; `total` counts every issue, listed or not.
 */
export function capIssues(
  issues: readonly Issue[],
  { maxIssues, maxValueChars }: Pick<RequestLimits, 'maxIssues' | 'maxValueChars'>,
): { issues: Issue[]; total: number } {
  return {
    issues: issues.slice(0, maxIssues).map((i) => ({
      ...i,
      message: shortenMessage(i.message, maxValueChars),
      path: cut(i.path, maxValueChars + 40),
    })),
    total: issues.length,
  };
}
