import type { Db, Store } from '../../store/database.js';
import { practicesWithMembers } from '../../store/digest-claim.repository.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import { digestWeek, sendDigests, type DigestOutcome } from './send-digest.js';
import { lastRunInPeriodOf, sendInZone, startZonedSchedule, zonesOf } from './zoned-schedule.js';

/** Mondays at 08:00, read in each practice's own zone. */
export const DEFAULT_DIGEST_CRON = '0 8 * * 1';

/** How often the schedule looks for practices in a zone it has no job for yet. */
const ZONE_SYNC_CRON = '23 * * * *';

/**
 * What the digest schedule does when it fires in `zone`: the digests of every practice with
 * members whose zone it is, each (practice, user, week) claimed once in the store.
 */
export async function sendDigestsIn(
  db: Db,
  zone: string,
  mail: MailSettings,
  retry: RetryPolicy,
  now = Date.now(),
): Promise<DigestOutcome> {
  const none: DigestOutcome = { sent: 0, failed: 0, skipped: 0, already: 0 };
  return sendInZone(db, await practicesWithMembers(db), zone, none, (id) =>
    sendDigests(db, id, mail, retry, { now }),
  );
}

/**
 * True when the schedule's last moment at or before `now` (read in `zone`) lies in the ISO week
 * of `now`: a server that was down then sends that week's digests when it starts.
 */
export function dueThisWeek(pattern: string, zone: string, now: number): boolean {
  return lastRunInPeriodOf(pattern, zone, now, digestWeek);
}

/**
 * Sends the weekly digest on a croner pattern while the server runs, one job per practice zone
 * so "Monday 08:00" is each practice's own morning; a zone that appears later (a new practice,
 * a changed setting) gets its job within the hour. At start, a week whose moment passed while
 * the server was down is sent then. Restarts and a second server are harmless: each digest is
 * claimed once in the store. `off` schedules nothing.
 */
export function startDigestSchedule(
  store: Store,
  pattern: string,
  mail: MailSettings | null,
  retry: RetryPolicy,
  log: (line: string) => void,
): { stop(): void } {
  if (pattern === 'off' || mail === null) return { stop: () => undefined };
  return startZonedSchedule({
    name: 'digest',
    pattern,
    syncPattern: ZONE_SYNC_CRON,
    zones: async () => zonesOf(store.db, await practicesWithMembers(store.db)),
    sendIn: (zone) => sendDigestsIn(store.db, zone, mail, retry),
    dueAtStart: (zone, now) => dueThisWeek(pattern, zone, now),
    log,
  });
}
