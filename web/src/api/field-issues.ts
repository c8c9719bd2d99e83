import { ApiError } from './api-client';

/** The fields a BAD_INPUT answer names (`condition.days`, `channels.0.url`) and why. */
export function fieldIssues(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || e.code !== 'BAD_INPUT') return out;
  const issues = (e.details as { issues?: { path: string; message: string }[] } | undefined)
    ?.issues;
  for (const i of issues ?? []) out[i.path] ??= i.message;
  return out;
}
