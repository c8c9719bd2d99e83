import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { MESSAGE_SENDERS } from '../../model/message.js';

/** The instant columns whose latest value says how far a practice's data reaches. */
const INSTANTS = [
  ['appointments', 'scheduled_start', sql` AND status <> 'booked'`],
  ['surveys', 'responded_at', sql``],
  // The messages' index on sent_at follows the sender: one MAX per sender reads two entries.
  ...MESSAGE_SENDERS.map((s) => ['messages', 'sent_at', sql` AND sender = ${s}`] as const),
  ['payments', 'paid_at', sql``],
  ['activity', 'occurred_at', sql``],
] as const;

/**
 * The end of the practice's data (kpi-spec, "Cohorts that have not matured"): the latest
 * instant of what happened — appointments that closed (a still booked one is a plan), surveys,
 * messages, payments, activity — or `now` when that is earlier; `now` with no record at all.
 * Availability and slots are plans too, and are left out. Each MAX is read from an index led
 * by (practice_id, instant). Leaving plans out also keeps a store's figures fixed while the
 * clock moves on, once its data lie in the past.
 */
export async function dataEnd(db: Db, practiceId: string, now: number): Promise<number> {
  const parts = INSTANTS.map(
    ([table, column, more]) =>
      sql`SELECT MAX(${sql.ref(column)}) AS m FROM ${sql.table(table)} WHERE practice_id = ${practiceId}${more}`,
  );
  const { rows } = await sql<{ m: number | string | null }>`${sql.join(
    parts,
    sql` UNION ALL `,
  )}`.execute(db);
  const latest = Math.max(...rows.map((r) => (r.m === null ? -Infinity : Number(r.m))));
  return Number.isFinite(latest) ? Math.min(latest, now) : now;
}
