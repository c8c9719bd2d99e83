import { Cron } from 'croner';
import type { Db, Store } from '../../store/database.js';
import { practicesWithMembers } from '../../store/digest-claim.repository.js';
import { getPractice } from '../../store/practice.repository.js';
import type { MailSettings } from './mail-settings.js';
import type { RetryPolicy } from './retry-policy.js';
import { digestWeek, sendDigests, type DigestOutcome } from './send-digest.js';

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
  const total: DigestOutcome = { sent: 0, failed: 0, skipped: 0, already: 0 };
  for (const id of await practicesWithMembers(db)) {
    if ((await getPractice(db, id)).timezone !== zone) continue;
    const r = await sendDigests(db, id, mail, retry, { now });
    for (const k of Object.keys(total) as (keyof DigestOutcome)[]) total[k] += r[k];
  }
  return total;
}

/** The zones of the practices a digest goes to, each once. */
async function digestZones(db: Db): Promise<string[]> {
  const zones = new Set<string>();
  for (const id of await practicesWithMembers(db)) zones.add((await getPractice(db, id)).timezone);
  return [...zones].sort();
}

/**
 * True when the schedule's last moment at or before `now` (read in `zone`) lies in the ISO week
 * of `now`: a server that was down then sends that week's digests when it starts.
 */
export function dueThisWeek(pattern: string, zone: string, now: number): boolean {
  // croner's previous runs are strictly before the reference: 1 ms later includes `now`.
  const cron = new Cron(pattern, { timezone: zone, paused: true });
  const [last] = cron.previousRuns(1, new Date(now + 1));
  return last !== undefined && digestWeek(last.getTime(), zone) === digestWeek(now, zone);
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
  const jobs = new Map<string, Cron>();
  const send = async (zone: string) => {
    try {
      const r = await sendDigestsIn(store.db, zone, mail, retry);
      if (r.sent + r.failed > 0) log(`digest (${zone}): ${r.sent} sent, ${r.failed} failed`);
    } catch (e) {
      log(`digest (${zone}): failed: ${(e as Error).message}`);
    }
  };
  let first = true;
  let stopped = false;
  const sync = async () => {
    try {
      for (const zone of await digestZones(store.db)) {
        if (stopped || jobs.has(zone)) continue;
        jobs.set(zone, new Cron(pattern, { timezone: zone, protect: true }, () => send(zone)));
        if (first && dueThisWeek(pattern, zone, Date.now())) await send(zone);
      }
      first = false;
    } catch (e) {
      log(`digest: schedule not updated: ${(e as Error).message}`);
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
