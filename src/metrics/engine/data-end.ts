import { sql } from 'kysely';
import type { Db } from '../../store/database.js';

/** The instant columns whose latest value says how far a practice's data reaches. */
const INSTANTS = [
  ['appointments', 'scheduled_start'],
  ['surveys', 'responded_at'],
  ['messages', 'sent_at'],
  ['payments', 'paid_at'],
  ['activity', 'occurred_at'],
] as const;

/**
 * The end of the practice's data (kpi-spec, "Cohorts that have not matured"): the latest
 * instant of its appointments, surveys, messages, payments and activity, or `now` when that is
 * earlier (future bookings do not count as elapsed time). `now` with no record at all.
 * Availability and slots are plans, not records of what happened, and are left out. Each
 * MAX is read from an index led by (practice_id, instant).
 */
export async function dataEnd(db: Db, practiceId: string, now: number): Promise<number> {
  const parts = INSTANTS.map(
    ([table, column]) =>
      sql`SELECT MAX(${sql.ref(column)}) AS m FROM ${sql.table(table)} WHERE practice_id = ${practiceId}`,
  );
  const { rows } = await sql<{ m: number | string | null }>`${sql.join(
    parts,
    sql` UNION ALL `,
  )}`.execute(db);
  const latest = Math.max(...rows.map((r) => (r.m === null ? -Infinity : Number(r.m))));
  return Number.isFinite(latest) ? Math.min(latest, now) : now;
}
