import { Cron } from 'croner';
import type { Db, Store } from '../../store/database.js';
import { getPractice } from '../../store/practice.repository.js';
import { practicesWithReportSubscriptions } from '../../store/report-subscription.repository.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import {
  noReports,
  reportMonthOf,
  sendMonthlyReports,
  type ReportOutcome,
} from './send-monthly-report.js';

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
  const total = noReports();
  for (const id of await practicesWithReportSubscriptions(db)) {
    if ((await getPractice(db, id)).timezone !== zone) continue;
    const r = await sendMonthlyReports(db, id, mail, retry, { now });
    for (const k of Object.keys(total) as (keyof ReportOutcome)[]) total[k] += r[k];
  }
  return total;
}

async function reportZones(db: Db): Promise<string[]> {
  const zones = new Set<string>();
  for (const id of await practicesWithReportSubscriptions(db)) {
    zones.add((await getPractice(db, id)).timezone);
  }
  return [...zones].sort();
}

/**
 * True when the schedule's last moment at or before `now` (read in `zone`) reports on the same
 * month as `now` would: a server that was down on the 1st sends that month's reports at start.
 */
export function reportDueNow(pattern: string, zone: string, now: number): boolean {
  const cron = new Cron(pattern, { timezone: zone, paused: true });
  const [last] = cron.previousRuns(1, new Date(now + 1));
  return last !== undefined && reportMonthOf(last.getTime(), zone) === reportMonthOf(now, zone);
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
  const jobs = new Map<string, Cron>();
  const send = async (zone: string) => {
    try {
      const r = await sendReportsIn(store.db, zone, mail, retry);
      if (r.sent + r.failed > 0) {
        log(`monthly report (${zone}): ${r.sent} sent, ${r.failed} failed`);
      }
    } catch (e) {
      log(`monthly report (${zone}): failed: ${(e as Error).message}`);
    }
  };
  let first = true;
  let stopped = false;
  const sync = async () => {
    try {
      for (const zone of await reportZones(store.db)) {
        if (stopped || jobs.has(zone)) continue;
        jobs.set(zone, new Cron(pattern, { timezone: zone, protect: true }, () => send(zone)));
        if (first && reportDueNow(pattern, zone, Date.now())) await send(zone);
      }
      first = false;
    } catch (e) {
      log(`monthly report: schedule not updated: ${(e as Error).message}`);
    }
  };
  const syncJob = new Cron(ZONE_SYNC_CRON, { protect: true }, sync);
  void sync();
  return {
    stop: () => {
      stopped = true;
      syncJob.stop();
      for (const j of jobs.values()) j.stop();
    },
  };
}
