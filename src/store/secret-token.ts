import { createHash, randomBytes } from 'node:crypto';

/** The SHA-256 (hex) of a secret: all the store keeps of tokens, session ids and codes. */
export const sha256 = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A fresh secret: `prefix` + `bytes` random bytes, base64url. */
export const newSecret = (prefix: string, bytes = 32): string =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** A fresh public id: `prefix` + 12 hex digits. */
export const newId = (prefix: string): string => `${prefix}${randomBytes(6).toString('hex')}`;
