import { z } from 'zod';
import { ZPractice } from './practice.js';
import { ZRole } from './role.js';

/** A sign-in name: an e-mail address or a plain login, compared case-insensitively. */
export const ZLogin = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(200)
  .regex(/^[a-z0-9._@+-]+$/, 'letters, digits and . _ @ + - only');

/** Passwords: long enough to resist guessing; argon2id hashes whatever length is given. */
export const ZPassword = z.string().min(10, 'at least 10 characters').max(1000);

/** A person who can sign in. The password is never part of it: only its hash is stored. */
export const ZUser = z.object({
  user_id: z.string(),
  login: ZLogin,
  display_name: z.string().trim().min(1).max(200),
  created_at: z.number().int(),
  disabled_at: z.number().int().nullable(),
});
export type User = z.infer<typeof ZUser>;

/**
 * A user's role in one practice; a clinician is linked to the therapist whose figures they see.
 */
export const ZMembership = z
  .object({
    practice_id: ZPractice.shape.practice_id,
    role: ZRole,
    therapist_id: z.string().min(1).nullable(),
  })
  .refine((m) => (m.role === 'clinician') === (m.therapist_id !== null), {
    message: 'a clinician is linked to exactly one therapist id; other roles to none',
    path: ['therapist_id'],
  });
export type Membership = z.infer<typeof ZMembership>;
