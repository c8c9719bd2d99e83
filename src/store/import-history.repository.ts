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

/** One import of the practice by id, or undefined. */
export async function importRow(
  db: Db,
  practiceId: string,
  importId: string,
): Promise<ImportsTable | undefined> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('import_id', '=', importId)
    .executeTakeFirst();
}

/**
 * A token that changes whenever the practice's data or settings may have changed: every write
 * path (CSV, FHIR, exports, the push API, demo) is logged in `imports`.
 */
export async function dataVersion(db: Db, practiceId: string): Promise<string> {
  const [log, settings] = await Promise.all([
    db
      .selectFrom('imports')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('finished_at').as('last')])
      .where('practice_id', '=', practiceId)
      .executeTakeFirst(),
    db
      .selectFrom('practices')
      .select('updated_at')
      .where('practice_id', '=', practiceId)
      .executeTakeFirst(),
  ]);
  return `${log?.n ?? 0}:${log?.last ?? 0}:${settings?.updated_at ?? 0}`;
}
