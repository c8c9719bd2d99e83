import { DateTime } from 'luxon';
import type { Practice } from '../../model/practice.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import type { Db } from '../../store/database.js';
import { getPractice } from '../../store/practice.repository.js';
import {
  claimReport,
  listReportSubscriptions,
  releaseReport,
} from '../../store/report-subscription.repository.js';
import { listUsers } from '../../store/user.repository.js';
import { monthlyReportData, type MonthlyReportData } from '../report/monthly-report-data.js';
import { renderReportPdf, type Paper } from '../report/render-report-pdf.js';
import { reportFileName } from '../report/report-file-name.js';
import { monthName, valueText } from '../report/report-format.js';
import { allowedReport } from '../report/report-subscriptions.js';
import { deliverEmail, escapeHtml, type MailContent } from './deliver-email.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import { userAddresses } from './send-events.js';

/** The month a report sent at `now` covers: the last whole month of the practice zone. */
export const reportMonthOf = (now: number, zone: string): string =>
  DateTime.fromMillis(now, { zone }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');

/** The e-mail of one monthly report: the month's figures in the text, the PDF attached. */
export function reportMail(
  data: MonthlyReportData,
  name: string,
  pdf: Buffer,
  fileName: string,
): MailContent {
  const practice = data.practice.name ?? data.practice.practice_id;
  const whose = data.therapist ? ` — therapist ${data.therapist}` : '';
  const subject = `[Rapport] Monthly report ${data.month}: ${practice}${whose}`;
  const figures = data.ids.map((id) => `${data.meta[id].name}: ${valueText(data.current[id])}`);
  const intro = `the monthly report of ${practice}${whose} for ${monthName(data.month)} is attached as a PDF.`;
  const text = [`Hello ${name},`, '', intro, '', ...figures.map((l) => `- ${l}`), ''].join('\n');
  const html =
    `<p>Hello ${escapeHtml(name)},</p><p>${escapeHtml(intro)}</p>` +
    `<ul>${figures.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
  return {
    subject,
    text,
    html,
    attachments: [{ filename: fileName, content: pdf, contentType: 'application/pdf' }],
  };
}

export interface ReportRun {
  now?: number;
  /** The month to send (YYYY-MM); by default the last whole month of the practice zone. */
  month?: string;
  /** Send even to users whose report of the month was already taken (a manual resend). */
  force?: boolean;
}

export interface ReportOutcome {
  sent: number;
  failed: number;
  /** Subscribers without an address, or no longer allowed the report they chose. */
  skipped: number;
  /** Subscribers whose report of the month a run before (or another server) already took. */
  already: number;
}

export const noReports = (): ReportOutcome => ({ sent: 0, failed: 0, skipped: 0, already: 0 });

/**
 * E-mails each subscriber of the practice their monthly report, the PDF attached. Each
 * (practice, user, month) is claimed in the store BEFORE the report is computed, so a rerun, a
 * restart or a second server sends it once; an e-mail that failed every attempt gives its
 * claim back for a later run. The subscription is checked again against the user's current
 * role (a clinician moved to another therapist gets nothing until resubscribed). Every attempt
 * is a delivery in `delivery_attempts`; every report sent is an `export` in the audit log.
 */
export async function sendMonthlyReports(
  db: Db,
  practiceId: string,
  mail: MailSettings,
  retry: RetryPolicy,
  run: ReportRun = {},
): Promise<ReportOutcome> {
  const now = run.now ?? Date.now();
  const practice: Practice = await getPractice(db, practiceId);
  const month = run.month ?? reportMonthOf(now, practice.timezone);
  const out = noReports();
  const users = new Map((await listUsers(db, practiceId)).map((u) => [u.user_id, u] as const));
  for (const s of await listReportSubscriptions(db, practiceId)) {
    const u = users.get(s.user_id);
    const m = u?.memberships[0];
    const [to] = u && u.disabled_at === null ? await userAddresses(db, [u.user_id]) : [];
    const allowed = m && allowedReport(m.role, m.therapist_id, s.therapist_id);
    if (!u || !to || !allowed || 'reason' in allowed) {
      out.skipped++;
      continue;
    }
    const key = { practiceId, userId: u.user_id, month };
    const claimed = await claimReport(db, key, now);
    if (!claimed && !run.force) {
      out.already++;
      continue;
    }
    const data = await monthlyReportData(db, practice, {
      month,
      therapist: allowed.therapist,
      viewerUserId: u.user_id,
      now,
    });
    const pdf = await renderReportPdf(data, s.paper as Paper);
    const fileName = reportFileName(practiceId, month, allowed.therapist);
    const r = await deliverEmail(
      db,
      to,
      reportMail(data, u.display_name, pdf, fileName),
      { practiceId, eventId: `report:${u.user_id}:${month}` },
      mail,
      retry,
    );
    if (r.ok) {
      out.sent++;
      await appendAudit(db, {
        practice_id: practiceId,
        actor: 'server',
        action: 'export',
        target: 'report',
        details: { month, therapist: allowed.therapist, format: 'pdf', via: 'email', to: u.login },
      });
    } else {
      out.failed++;
      if (claimed) await releaseReport(db, key);
    }
  }
  return out;
}
