import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../model/app-error.js';

const CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The one error body of the API: every failure answers in this shape. */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(CODES),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ZErrorBody>;

const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
});

/** The error responses every read route may give, for its OpenAPI description. */
export const ERROR_RESPONSES = {
  400: json('Bad input: a parameter is missing or invalid (details name it)'),
  500: json('Internal error'),
} as const;
