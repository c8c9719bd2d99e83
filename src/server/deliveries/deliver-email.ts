import nodemailer from 'nodemailer';
import { createDelivery, finishDelivery, recordAttempt } from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import type { MailSettings } from './mail-settings.js';
import { backoffMs, sleep, type RetryPolicy } from './retry-policy.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /** Files sent with the mail (the monthly report's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/**
 * Sends one e-mail (HTML and plain text) over SMTP with nodemailer, retried like a webhook;
 * logged as a delivery of `eventId` (an alert event or a digest id) with every attempt.
 */
export async function deliverEmail(
  db: Db,
  to: string,
  content: MailContent,
  ref: { practiceId: string; eventId: string },
  settings: MailSettings,
  policy: RetryPolicy,
): Promise<{ deliveryId: string; ok: boolean }> {
  const transport = nodemailer.createTransport(settings.url);
  const deliveryId = await createDelivery(db, {
    practice_id: ref.practiceId,
    event_id: ref.eventId,
    channel: 'email',
    target: to,
  });
  try {
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      await sleep(backoffMs(policy, attempt));
      try {
        const info = await transport.sendMail({ from: settings.from, to, ...content });
        const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
        await recordAttempt(db, ref.practiceId, deliveryId, {
          attempt,
          ok: true,
          status_code: code,
          error: null,
        });
        await finishDelivery(db, ref.practiceId, deliveryId, 'success');
        return { deliveryId, ok: true };
      } catch (e) {
        const err = e as { responseCode?: number; message?: string };
        await recordAttempt(db, ref.practiceId, deliveryId, {
          attempt,
          ok: false,
          status_code: err.responseCode ?? null,
          error: err.message ?? String(e),
        });
      }
    }
    await finishDelivery(db, ref.practiceId, deliveryId, 'failed');
    return { deliveryId, ok: false };
  } finally {
    transport.close();
  }
}

/** The e-mail of one alert notification. */
export function alertMail(n: {
  rule_name: string;
  transition: string;
  text: string;
  period: string;
}): MailContent {
  const verb = n.transition === 'fire' ? 'Alert' : 'Resolved';
  const subject = `[Rapport] ${verb}: ${n.rule_name} (${n.period})`;
  const text = `${n.text}\n\nRule: ${n.rule_name}\nPeriod: ${n.period}\n`;
  const html =
    `<p>${escapeHtml(n.text)}</p>` +
    `<p><small>Rule: ${escapeHtml(n.rule_name)} · Period: ${escapeHtml(n.period)}</small></p>`;
  return { subject, text, html };
}
