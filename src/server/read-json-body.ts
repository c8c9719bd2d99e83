import type { Context } from 'hono';
import { AppError } from '../model/app-error.js';
import { jsonDepth } from './json-depth.js';

/** `application/json`, or a `+json` type such as `application/fhir+json`, with any parameters. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body: 415 unless it is sent as JSON, 400 when it does not parse or nests
 * deeper than `maxDepth` (checked on the text before parsing, so depth never reaches the stack).
 * The body's size is held by the body-limit middleware before this reads it.
 */
export async function readJsonBody(c: Context, maxDepth: number): Promise<unknown> {
  const type = c.req.header('content-type');
  if (!type || !JSON_TYPE.test(type)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `the body must be sent as Content-Type: application/json, not ${type ? `"${type.slice(0, 80)}"` : 'without a type'}`,
    );
  }
  const text = await c.req.text();
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new AppError(
      'BAD_INPUT',
      `the body nests arrays and objects deeper than ${maxDepth} levels; records are flat objects`,
      { reason: 'too_deep', max_depth: maxDepth },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_INPUT', 'the body is not valid JSON');
  }
}
