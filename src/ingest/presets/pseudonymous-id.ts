import { createHmac } from 'node:crypto';

export type PseudonymKind = 'client' | 'therapist' | 'appointment';

const PREFIX: Record<PseudonymKind, string> = { client: 'c-', therapist: 't-', appointment: 'a-' };

/** An e-mail or a name as it is compared: NFKC, trimmed, inner white space collapsed, lower case. */
export function normaliseIdentity(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A stable pseudonymous id: HMAC-SHA-256(key, normalised value) → prefix + first 16 hex
 * characters (`c-` clients, `t-` therapists, `a-` appointments). The same value and key always
 * give the same id; without the key the value cannot be recovered or confirmed.
 */
export function pseudonymousId(kind: PseudonymKind, value: string, key: string): string {
  if (key.length === 0) throw new Error('pseudonymousId: the hash key must not be empty');
  const digest = createHmac('sha256', key).update(normaliseIdentity(value), 'utf8').digest('hex');
  return PREFIX[kind] + digest.slice(0, 16);
}
