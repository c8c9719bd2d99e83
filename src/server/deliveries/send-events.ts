import type { ClaimedEvent } from '../../metrics/alerts/evaluate-alerts.js';
import type { Db } from '../../store/database.js';
import { alertMail, deliverEmail } from './deliver-email.js';
import { deliverWebhook } from './deliver-webhook.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';

export interface DeliverySettings {
  mail: MailSettings | null;
  retry: RetryPolicy;
  /** Where a skipped delivery is said (no SMTP settings, a user without an address). */
  warn?: (line: string) => void;
}

/** The e-mail addresses of users: their login when it is one. */
export async function userAddresses(db: Db, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('login')
    .where('user_id', 'in', userIds)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.login).filter((l) => /^[^@\s]+@[^@\s]+$/.test(l));
}

/** Sends every claimed event on every channel of its rule; answers the delivery outcomes. */
export async function sendEvents(
  db: Db,
  events: ClaimedEvent[],
  s: DeliverySettings,
): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  const count = (r: { ok: boolean }) => (r.ok ? ok++ : failed++);
  for (const e of events) {
    const n = e.notification;
    const addresses = new Set<string>();
    for (const ch of e.rule.channels) {
      if (ch.kind === 'webhook') count(await deliverWebhook(db, n, ch, s.retry));
      else if (ch.kind === 'email') ch.to.forEach((a) => addresses.add(a));
      else (await userAddresses(db, e.userIds)).forEach((a) => addresses.add(a));
    }
    if (addresses.size > 0 && !s.mail) {
      s.warn?.(`alert ${n.event_id}: e-mail skipped, no SMTP settings (RAPPORT_SMTP_URL)`);
      continue;
    }
    for (const to of addresses) {
      const ref = { practiceId: n.practice_id, eventId: n.event_id };
      count(await deliverEmail(db, to, alertMail(n), ref, s.mail!, s.retry));
    }
  }
  return { ok, failed };
}
