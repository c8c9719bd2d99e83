import { Cron } from 'croner';
import type { Db } from '../../store/database.js';
import { getPractice } from '../../store/practice.repository.js';

/**
 * True when the pattern's last moment at or before `now` (read in `zone`) falls in the same
 * period as `now` (`periodOf`: its ISO week, its report month …): a server that was down at
 * that moment sends the period's mail when it starts.
 */
export function lastRunInPeriodOf(
  pattern: string,
  zone: string,
  now: number,
  periodOf: (instant: number, zone: string) => string,
): boolean {
  // croner's previous runs are strictly before the reference: 1 ms later includes `now`.
  const cron = new Cron(pattern, { timezone: zone, paused: true });
  const [last] = cron.previousRuns(1, new Date(now + 1));
  return last !== undefined && periodOf(last.getTime(), zone) === periodOf(now, zone);
}

/** The zones of the given practices, each once, in order. */
export async function zonesOf(db: Db, practiceIds: string[]): Promise<string[]> {
  const zones = new Set<string>();
  for (const id of practiceIds) zones.add((await getPractice(db, id)).timezone);
  return [...zones].sort();
}

/**
 * Runs `send` for each of the practices whose zone is `zone`, one after the other, and adds up
 * the counts they return (sent, failed …) into `total`.
 */
export async function sendInZone<T extends { [K in keyof T]: number }>(
  db: Db,
  practiceIds: string[],
  zone: string,
  total: T,
  send: (practiceId: string) => Promise<T>,
): Promise<T> {
  for (const id of practiceIds) {
    if ((await getPractice(db, id)).timezone !== zone) continue;
    const r = await send(id);
    for (const k of Object.keys(total) as (keyof T)[]) total[k] = (total[k] + r[k]) as T[keyof T];
  }
  return total;
}

export interface ZonedSchedule {
  /** Names the mail in log lines ("digest", "monthly report"). */
  name: string;
  pattern: string;
  /** How often zones without a job are looked for (a croner pattern). */
  syncPattern: string;
  /** The zones that have practices to send to now. */
  zones(): Promise<string[]>;
  /** Sends what is due in one zone; the counts go to the log. */
  sendIn(zone: string): Promise<{ sent: number; failed: number }>;
  /** Whether the period of `now` is due at start (its moment passed while down). */
  dueAtStart(zone: string, now: number): boolean;
  log(line: string): void;
}

/**
 * Runs a mail on a croner pattern, one job per practice zone, so "08:00" is each practice's own
 * morning; a zone that appears later (a new practice, a changed setting) gets its job at the
 * next sync; at start, a period whose moment passed while the server was down is sent then.
 * Sending twice is the claims' business (in the store), not the schedule's.
 */
export function startZonedSchedule(s: ZonedSchedule): { stop(): void } {
  const jobs = new Map<string, Cron>();
  const send = async (zone: string) => {
    try {
      const r = await s.sendIn(zone);
      if (r.sent + r.failed > 0) s.log(`${s.name} (${zone}): ${r.sent} sent, ${r.failed} failed`);
    } catch (e) {
      s.log(`${s.name} (${zone}): failed: ${(e as Error).message}`);
    }
  };
  let first = true;
  let stopped = false;
  const sync = async () => {
    try {
      for (const zone of await s.zones()) {
        if (stopped || jobs.has(zone)) continue;
        jobs.set(zone, new Cron(s.pattern, { timezone: zone, protect: true }, () => send(zone)));
        if (first && s.dueAtStart(zone, Date.now())) await send(zone);
      }
      first = false;
    } catch (e) {
      s.log(`${s.name}: schedule not updated: ${(e as Error).message}`);
    }
  };
  const syncJob = new Cron(s.syncPattern, { protect: true }, sync);
  void sync();
  return {
    stop: () => {
      stopped = true;
      syncJob.stop();
      for (const j of jobs.values()) j.stop();
    },
  };
}
