import type { Db, Store } from '../../store/database.js';
import { practicesWithReportSubscriptions } from '../../store/report-subscription.repository.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import {
  noReports,
  reportMonthOf,
  sendMonthlyReports,
  type ReportOutcome,
} from './send-monthly-report.js';
import { lastRunInPeriodOf, sendInZone, startZonedSchedule, zonesOf } from './zoned-schedule.js';

/** The 1st of each month at 08:00, read in each practice's own zone. */
export const DEFAULT_REPORT_CRON = '0 8 1 * *';

/** How often the schedule looks for practices in a zone it has no job for yet. */
const ZONE_SYNC_CRON = '37 * * * *';

/** What the report schedule does when it fires in `zone`: every subscribed practice there. */
export async function sendReportsIn(
  db: Db,
  zone: string,
  mail: MailSettings,
  retry: RetryPolicy,
  now = Date.now(),
): Promise<ReportOutcome> {
  return sendInZone(db, await practicesWithReportSubscriptions(db), zone, noReports(), (id) =>
    sendMonthlyReports(db, id, mail, retry, { now }),
  );
}

/**
 * True when the schedule's last moment at or before `now` (read in `zone`) reports on the same
 * month as `now` would: a server that was down on the 1st sends that month's reports at start.
 */
export function reportDueNow(pattern: string, zone: string, now: number): boolean {
  return lastRunInPeriodOf(pattern, zone, now, reportMonthOf);
}

/**
 * E-mails the monthly report to its subscribers on a croner pattern while the server runs,
 * one job per practice zone (so "the 1st at 08:00" is each practice's own morning); zones that
 * appear later get their job within the hour; a month whose moment passed while the server was
 * down is sent at start. Restarts and a second server are harmless: each report is claimed
 * once in the store. `off`, or no SMTP settings, schedules nothing.
 */
export function startReportSchedule(
  store: Store,
  pattern: string,
  mail: MailSettings | null,
  retry: RetryPolicy,
  log: (line: string) => void,
): { stop(): void } {
  if (pattern === 'off' || mail === null) return { stop: () => undefined };
  return startZonedSchedule({
    name: 'monthly report',
    pattern,
    syncPattern: ZONE_SYNC_CRON,
    zones: async () => zonesOf(store.db, await practicesWithReportSubscriptions(store.db)),
    sendIn: (zone) => sendReportsIn(store.db, zone, mail, retry),
    dueAtStart: (zone, now) => reportDueNow(pattern, zone, now),
    log,
  });
}
