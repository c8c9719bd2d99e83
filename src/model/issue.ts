import { z } from 'zod';

/** One finding of an importer or validator; path is `file:line:field` or a FHIRPath. */
export const ZIssue = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: z.string(),
});
export type Issue = z.infer<typeof ZIssue>;

export const issue = (
  severity: Issue['severity'],
  code: string,
  message: string,
  path: string,
): Issue => ({ severity, code, message, path });
