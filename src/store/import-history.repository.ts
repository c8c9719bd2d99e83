import type { Db } from './database.js';
import type { ImportsTable } from './tables.js';

/** The practice's last `limit` imports, newest first. */
export async function importRows(db: Db, practiceId: string, limit = 50): Promise<ImportsTable[]> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('started_at', 'desc')
    .orderBy('import_id', 'desc')
    .limit(limit)
    .execute();
}
