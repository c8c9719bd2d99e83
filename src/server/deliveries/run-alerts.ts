import { evaluateAlerts, type EvaluateOptions } from '../../metrics/alerts/evaluate-alerts.js';
import type { Db } from '../../store/database.js';
import { sendEvents, type DeliverySettings } from './send-events.js';

/** One evaluation and the deliveries of what it claimed: what `alerts run` and the schedule do. */
export async function runAlerts(
  db: Db,
  practiceId: string | undefined,
  settings: DeliverySettings,
  opts: EvaluateOptions = {},
): Promise<{ events: number; ok: number; failed: number }> {
  const events = await evaluateAlerts(db, practiceId, opts);
  const sent = await sendEvents(db, events, settings);
  return { events: events.length, ...sent };
}
