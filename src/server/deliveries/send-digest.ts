import { DateTime } from 'luxon';
import { buildDigest, type Digest } from '../../metrics/alerts/build-digest.js';
import type { TargetStatusSource } from '../../metrics/alerts/target-status-source.js';
import type { Db } from '../../store/database.js';
import { claimDigest, releaseDigest } from '../../store/digest-claim.repository.js';
import { getPractice } from '../../store/practice.repository.js';
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

/** The ISO week of `now` in the practice zone (`2026-W49`): the key of a week's digest. */
export const digestWeek = (now: number, zone: string): string =>
  DateTime.fromMillis(now, { zone }).toFormat("kkkk-'W'WW");

export interface DigestRun {
  now?: number;
  targets?: TargetStatusSource;
  /** Send even to users whose digest of the week was already taken (a manual resend). */
  force?: boolean;
}

export interface DigestOutcome {
  sent: number;
  failed: number;
  /** Users without an e-mail address. */
  skipped: number;
  /** Users whose digest of the week a run before (or another server) already took. */
  already: number;
}

/**
 * E-mails each user of the practice their digest of the ISO week of `now` in the practice zone.
 * Each (practice, user, week) is claimed in the store BEFORE its e-mail is built, so a rerun, a
 * restart or a second server sends it once; an e-mail that failed every attempt gives its claim
 * back for a later run. `force` sends whatever the claims say.
 */
export async function sendDigests(
  db: Db,
  practiceId: string,
  mail: MailSettings,
  retry: RetryPolicy,
  run: DigestRun = {},
): Promise<DigestOutcome> {
  const now = run.now ?? Date.now();
  const week = digestWeek(now, (await getPractice(db, practiceId)).timezone);
  const out: DigestOutcome = { sent: 0, failed: 0, skipped: 0, already: 0 };
  for (const u of await listUsers(db, practiceId)) {
    if (u.disabled_at !== null) continue;
    const [to] = await userAddresses(db, [u.user_id]);
    if (!to) {
      out.skipped++;
      continue;
    }
    const key = { practiceId, userId: u.user_id, week };
    const claimed = await claimDigest(db, key, now);
    if (!claimed && !run.force) {
      out.already++;
      continue;
    }
    const d = await buildDigest(db, practiceId, u.user_id, u.memberships[0], now, run.targets);
    const r = await deliverEmail(
      db,
      to,
      digestMail(d, u.display_name, week),
      { practiceId, eventId: `digest:${u.user_id}:${week}` },
      mail,
      retry,
    );
    if (r.ok) out.sent++;
    else {
      out.failed++;
      if (claimed) await releaseDigest(db, key);
    }
  }
  return out;
}
