import { createHmac } from 'node:crypto';

/** The X-Rapport-Signature header value of a webhook body: `sha256=` + hex HMAC-SHA-256. */
export const signBody = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
