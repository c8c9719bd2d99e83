import { z } from 'zod';
import { ZRole } from '../../model/role.js';
import { ZLogin, ZPassword } from '../../model/user.js';
import { ZErrorBody } from '../schemas/error-body.js';

export const ZSignIn = z
  .object({
    login: ZLogin,
    password: z.string().min(1).max(1000),
    practice: z.string().optional().describe('the practice to open; the first of the user’s else'),
  })
  .meta({ id: 'SignIn' });

export const ZCodeSignIn = z
  .object({ code: z.string().min(1).max(200).describe('the one-time code of a sign-in link') })
  .meta({ id: 'CodeSignIn' });

export const ZPracticeRole = z
  .object({
    practice_id: z.string(),
    name: z.string().nullable(),
    role: ZRole,
    therapist_id: z.string().nullable(),
  })
  .meta({ id: 'PracticeRole' });

/** Who is signed in: the user, their practices with a role in each, and the CSRF token. */
export const ZMe = z
  .object({
    user: z.object({ user_id: z.string(), login: z.string(), display_name: z.string() }),
    practices: z.array(ZPracticeRole),
    practice: z.string().nullable().describe('the practice chosen at sign-in'),
    csrf_token: z.string().describe('send it back as X-CSRF-Token on every state-changing request'),
    expires_at: z.number().int(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof ZMe>;

export const ZInviteAccept = z
  .object({
    invite: z.string().min(1).max(200),
    login: ZLogin,
    display_name: z.string().trim().min(1).max(200),
    password: ZPassword,
  })
  .meta({ id: 'InviteAccept' });

export const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The error answers every authorized route may give besides its own. */
export const AUTH_RESPONSES = {
  400: json('Bad input (details name it)', ZErrorBody),
  401: json('No session or token, or one that is expired, revoked or unknown', ZErrorBody),
  403: json(
    'The role, scope or practice does not allow this, the CSRF token is missing, or the Host header is not answered',
    ZErrorBody,
  ),
  500: json('Internal error', ZErrorBody),
} as const;

export const ZOk = z.object({ ok: z.literal(true) });
