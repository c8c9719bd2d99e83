import { readFileSync } from 'node:fs';
import { AppError } from '../model/app-error.js';
import { ZPractice, ZPracticeUpdate, type Practice } from '../model/practice.js';

/**
 * Reads a folder's practice.json (the practice settings: timezone, currency, profile, …) over
 * the current settings. Anything wrong with it is a user error naming the file and field.
 */
export function readPracticeJson(path: string, current: Practice): Practice {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError('BAD_INPUT', `${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('BAD_INPUT', `${path}: must hold one JSON object of practice settings`);
  }
  const { practice_id: _id, ...settings } = json as Record<string, unknown>;
  const given = ZPracticeUpdate.strict().safeParse(settings);
  const parsed = given.success
    ? ZPractice.safeParse({ ...current, ...settings, practice_id: current.practice_id })
    : given;
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.join('.') || (first as { keys?: string[] })?.keys?.join(', ');
    throw new AppError('BAD_INPUT', `${path}: ${field ? `${field}: ` : ''}${first?.message}`);
  }
  return parsed.data as Practice;
}
