import type { ZodError } from 'zod';
import { AppError } from '../model/app-error.js';
import { plainIssueMessage } from '../model/plain-issue.js';

/** One rejected parameter: its path (`from`, `ids.2`) and why. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Turns a zod failure into a BAD_INPUT error whose message and details name the parameters. */
export function badInputFrom(error: ZodError): AppError {
  const issues: InputIssue[] = error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: plainIssueMessage(i),
  }));
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new AppError('BAD_INPUT', message || 'invalid input', { issues });
}

/** The OpenAPIHono default hook: a request that fails its route's schema is BAD_INPUT. */
export const validationHook = (result: { success: boolean; error?: unknown }): void => {
  if (!result.success) throw badInputFrom(result.error as ZodError);
};
