import { effectiveStatus, type Appointment, type AppointmentStatus } from '../model/appointment.js';
import type { Db } from './database.js';

/** The earliest and latest scheduled start (epoch ms) of the practice's appointments. */
export async function appointmentRange(
  db: Db,
  practiceId: string,
): Promise<{ first: number | null; last: number | null }> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => [
      eb.fn.min('scheduled_start').as('first'),
      eb.fn.max('scheduled_start').as('last'),
    ])
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { first: num(row?.first), last: num(row?.last) };
}

/**
 * Applies the practice's late-cancellation rule (`effectiveStatus`) again to its stored
 * cancellations, after the notice window changed: a cancellation the source called plain may
 * become late, or late again plain. Rows the source itself marked late stay late. Returns the
 * number of appointments whose status changed.
 */
export async function reapplyLateCancellations(
  db: Db,
  practiceId: string,
  noticeMs: number,
): Promise<number> {
  const rows = await db
    .selectFrom('appointments')
    .select(['appointment_id', 'status', 'scheduled_start', 'cancelled_at', 'cancelled_by'])
    .where('practice_id', '=', practiceId)
    .where('source_status', '=', 'cancelled')
    .execute();
  const changed = new Map<AppointmentStatus, string[]>();
  for (const r of rows) {
    const next = effectiveStatus(
      {
        status: 'cancelled',
        scheduled_start: Number(r.scheduled_start),
        cancelled_at: r.cancelled_at === null ? null : Number(r.cancelled_at),
        cancelled_by: r.cancelled_by as Appointment['cancelled_by'],
      },
      noticeMs,
    );
    if (next === r.status) continue;
    const ids = changed.get(next);
    if (ids) ids.push(r.appointment_id);
    else changed.set(next, [r.appointment_id]);
  }
  let n = 0;
  for (const [status, ids] of changed) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await db
        .updateTable('appointments')
        .set({ status })
        .where('practice_id', '=', practiceId)
        .where('appointment_id', 'in', chunk)
        .execute();
      n += chunk.length;
    }
  }
  return n;
}

/** Ids per UPDATE: well under either dialect's limit on bound parameters. */
const CHUNK = 1000;
