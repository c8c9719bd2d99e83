import type { AlertNotification } from '../../model/alert-rule.js';
import { createDelivery, finishDelivery, recordAttempt } from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import { backoffMs, sleep, type RetryPolicy } from './retry-policy.js';
import { signBody } from './sign-body.js';

/**
 * POSTs the notification as JSON to the webhook, signed with its secret, retrying with
 * exponential backoff on a network error or a non-2xx answer; every attempt is logged. One
 * delivery row per event and URL, whatever the number of attempts.
 */
export async function deliverWebhook(
  db: Db,
  n: AlertNotification,
  hook: { url: string; secret: string },
  policy: RetryPolicy,
): Promise<{ deliveryId: string; ok: boolean }> {
  const body = JSON.stringify(n);
  const deliveryId = await createDelivery(db, {
    practice_id: n.practice_id,
    event_id: n.event_id,
    channel: 'webhook',
    target: hook.url,
  });
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    await sleep(backoffMs(policy, attempt));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-rapport-signature': signBody(hook.secret, body),
          'x-rapport-event': n.event_id,
        },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error =
        e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    const ok = error === null;
    await recordAttempt(db, n.practice_id, deliveryId, { attempt, ok, status_code: status, error });
    if (ok) {
      await finishDelivery(db, n.practice_id, deliveryId, 'success');
      return { deliveryId, ok: true };
    }
  }
  await finishDelivery(db, n.practice_id, deliveryId, 'failed');
  return { deliveryId, ok: false };
}
