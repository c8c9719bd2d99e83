import { defaultPractice, type Practice } from '../model/practice.js';
import { reapplyLateCancellations } from './appointment.repository.js';
import type { Db } from './database.js';
import { findPractice, savePractice } from './practice.repository.js';
import { markAllRollups } from './rollup-marks.repository.js';

/**
 * Saves a practice's settings and keeps the stored records true to them: when the
 * late-cancellation notice changed, the practice's cancellations are classified again under
 * the new window. Call it inside a transaction so both land together. `reclassified` is how
 * many cancellations changed, or null when the notice did not.
 */
export async function updatePractice(
  db: Db,
  next: Practice,
): Promise<{ reclassified: number | null }> {
  const before = (await findPractice(db, next.practice_id)) ?? defaultPractice(next.practice_id);
  await savePractice(db, next);
  if (before.late_cancel_notice_hours === next.late_cancel_notice_hours) {
    return { reclassified: null };
  }
  const noticeMs = next.late_cancel_notice_hours * 3_600_000;
  // Reclassified cancellations may lie on any day: the rollups are rebuilt as a whole.
  await markAllRollups(db, next.practice_id);
  return { reclassified: await reapplyLateCancellations(db, next.practice_id, noticeMs) };
}
