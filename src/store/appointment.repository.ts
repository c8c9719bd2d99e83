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
