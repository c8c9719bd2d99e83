import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode } from '../model/app-error.js';
import type { ErrorBody } from './schemas/error-body.js';
import { badInputFrom } from './validation-hook.js';

const body = (code: ErrorCode, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
};

/** Answers an error in the one error shape; never shows a stack trace. */
export function respondError(c: Context, code: ErrorCode, message: string, details?: unknown) {
  return c.json(body(code, message, details), ERROR_STATUS[code] as ContentfulStatusCode);
}

/**
 * The app's one error handler: AppError → its code and status, zod failures → 400 BAD_INPUT
 * with the issue paths, Hono's HTTP exceptions → the nearest code, anything else → 500 INTERNAL.
 */
export function handleError(err: Error, c: Context) {
  if (err instanceof AppError) return respondError(c, err.code, err.message, err.details);
  if (err instanceof ZodError) {
    const e = badInputFrom(err);
    return respondError(c, e.code, e.message, e.details);
  }
  if (err instanceof HTTPException) {
    const code = CODE_OF_STATUS[err.status] ?? (err.status < 500 ? 'BAD_INPUT' : 'INTERNAL');
    return respondError(c, code, err.message || `HTTP ${err.status}`);
  }
  console.error(`rapport: internal error on ${c.req.method} ${c.req.path}:`, err);
  return respondError(c, 'INTERNAL', 'internal error');
}
