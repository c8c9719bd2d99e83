import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { normaliseIdentity, pseudonymousId } from './pseudonymous-id.js';

describe('pseudonymousId', () => {
  it('is c- + the first 16 hex of HMAC-SHA-256(key, normalised value)', () => {
    const expected = createHmac('sha256', 'k')
      .update('ann@mail.example')
      .digest('hex')
      .slice(0, 16);
    assert.equal(pseudonymousId('client', '  Ann@Mail.Example ', 'k'), `c-${expected}`);
    assert.match(pseudonymousId('therapist', 'Dr. Bo', 'k'), /^t-[0-9a-f]{16}$/);
  });

  it('normalises case, white space and Unicode forms, and depends on the key', () => {
    assert.equal(normaliseIdentity(' Tomás\u00a0  RUIZ '), 'tomás ruiz');
    assert.equal(
      pseudonymousId('client', 'Tomás Ruiz', 'k'),
      pseudonymousId('client', 'tomás ruiz', 'k'),
    );
    assert.notEqual(
      pseudonymousId('client', 'Tomás Ruiz', 'k'),
      pseudonymousId('client', 'Tomás Ruiz', 'k2'),
    );
    assert.throws(() => pseudonymousId('client', 'x', ''));
  });
});
