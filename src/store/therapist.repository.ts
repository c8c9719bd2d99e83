import type { Db } from './database.js';
import type { TherapistsTable } from './tables.js';

/** The practice's therapists as stored, in id order. */
export async function therapistRows(db: Db, practiceId: string): Promise<TherapistsTable[]> {
  return db
    .selectFrom('therapists')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('therapist_id')
    .execute();
}
