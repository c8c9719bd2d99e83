import { DateTime } from 'luxon';
import { buildDigest, type Digest } from '../../metrics/alerts/build-digest.js';
import type { TargetStatusSource } from '../../metrics/alerts/target-status-source.js';
import type { Db } from '../../store/database.js';
import { listUsers } from '../../store/user.repository.js';
import { deliverEmail, escapeHtml, type MailContent } from './deliver-email.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import { userAddresses } from './send-events.js';

const STATUS_WORDS = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  not_enough_data: 'not enough data',
} as const;

/** The e-mail of a digest: targets first, then the week's alerts; plain text and HTML. */
export function digestMail(d: Digest, name: string, week: string): MailContent {
  const subject = `[Rapport] Your week ${week}: ${d.targets.length} targets, ${d.alerts.length} alerts`;
  const tLines = d.targets.map((t) => `${t.title}: ${STATUS_WORDS[t.status]} (${t.period})`);
  const aLines = d.alerts.map(
    (a) => `${a.transition === 'fire' ? 'Alert' : 'Resolved'}: ${a.text}`,
  );
  const none = (l: string[], what: string) => (l.length ? l : [`No ${what} this week.`]);
  const text = [
    `Hello ${name},`,
    '',
    'Your targets',
    ...none(tLines, 'targets').map((l) => `- ${l}`),
    '',
    'Alerts of the week',
    ...none(aLines, 'alerts').map((l) => `- ${l}`),
    '',
  ].join('\n');
  const list = (l: string[]) => `<ul>${l.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  const html =
    `<p>Hello ${escapeHtml(name)},</p>` +
    `<h2>Your targets</h2>${list(none(tLines, 'targets'))}` +
    `<h2>Alerts of the week</h2>${list(none(aLines, 'alerts'))}`;
  return { subject, text, html };
}

/**
 * E-mails each user of the practice their digest of the ISO week of `now`; a user already sent
 * that week's digest (a successful delivery under its id) is not sent it again.
 */
export async function sendDigests(
  db: Db,
  practiceId: string,
  mail: MailSettings,
  retry: RetryPolicy,
  now = Date.now(),
  targets?: TargetStatusSource,
): Promise<{ sent: number; failed: number; skipped: number }> {
  const week = DateTime.fromMillis(now, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const u of await listUsers(db, practiceId)) {
    if (u.disabled_at !== null) continue;
    const [to] = await userAddresses(db, [u.user_id]);
    if (!to) {
      skipped++;
      continue;
    }
    const id = `digest:${u.user_id}:${week}`;
    const done = await db
      .selectFrom('deliveries')
      .select('delivery_id')
      .where('event_id', '=', id)
      .where('status', '=', 'success')
      .executeTakeFirst();
    if (done) continue;
    const d = await buildDigest(db, practiceId, u.user_id, u.memberships[0], now, targets);
    const r = await deliverEmail(
      db,
      to,
      digestMail(d, u.display_name, week),
      { practiceId, eventId: id },
      mail,
      retry,
    );
    if (r.ok) sent++;
    else failed++;
  }
  return { sent, failed, skipped };
}
