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
  403: json('The Host header names a host this server does not answer to (see `--allowed-hosts`)'),
  500: json('Internal error'),
} as const;

/** The responses of a route that takes `?practice=`: the above, and 404 for an unknown one. */
export const PRACTICE_RESPONSES = {
  ...ERROR_RESPONSES,
  404: json('No such practice in this store; nothing is written'),
} as const;
