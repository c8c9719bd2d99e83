import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with argon2id (`@node-rs/argon2`, its defaults: 19 MiB, 2 passes, the
 * OWASP recommendation); the PHC string carries salt and parameters, so a later change of
 * parameters still verifies old hashes.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing anyone knows, verified when a login is unknown so timing tells nothing. */
let decoy: Promise<string> | undefined;

/** True when `password` matches `stored`; a null hash (no password set) never matches. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash('rapport-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
