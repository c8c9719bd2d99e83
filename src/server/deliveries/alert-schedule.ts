import { Cron } from 'croner';
import { AppError } from '../../model/app-error.js';
import type { Store } from '../../store/database.js';
import { runAlerts } from './run-alerts.js';
import type { DeliverySettings } from './send-events.js';

/** Hourly at minute 7 (away from the top of the hour, when imports from cron tend to run). */
export const DEFAULT_ALERTS_CRON = '7 * * * *';

/**
 * Evaluates every practice's alert rules on a cron schedule (croner) while the server runs;
 * `off` schedules nothing. A run still going when the next is due is skipped (protect), and
 * overlapping servers are harmless: each state change is claimed once in the store.
 */
export function startAlertSchedule(
  store: Store,
  pattern: string,
  settings: DeliverySettings,
  log: (line: string) => void,
): { stop(): void } {
  if (pattern === 'off') return { stop: () => undefined };
  let job: Cron;
  try {
    job = new Cron(pattern, { protect: true }, async () => {
      try {
        const r = await runAlerts(store.db, undefined, settings);
        if (r.events > 0) {
          log(`alerts: ${r.events} state changes, ${r.ok} deliveries sent, ${r.failed} failed`);
        }
      } catch (e) {
        log(`alerts: evaluation failed: ${(e as Error).message}`);
      }
    });
  } catch (e) {
    throw new AppError('USAGE', `--alerts-cron "${pattern}": ${(e as Error).message}`);
  }
  return { stop: () => job.stop() };
}

/** Refuses a pattern croner cannot read, before anything starts; `flag` names it. */
export function checkCronPattern(pattern: string, flag = '--alerts-cron'): string {
  if (pattern === 'off') return pattern;
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (e) {
    throw new AppError('USAGE', `${flag} "${pattern}": ${(e as Error).message}`);
  }
  return pattern;
}
