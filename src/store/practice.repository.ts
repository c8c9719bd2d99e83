import { ZPractice, defaultPractice, type Practice } from '../model/practice.js';
import type { Db } from './database.js';

/** Practice (tenant) settings: the only SQL for the practices table. */
export async function findPractice(db: Db, practiceId: string): Promise<Practice | undefined> {
  const row = await db
    .selectFrom('practices')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { updated_at: _updated, ...settings } = row;
  return ZPractice.parse(settings);
}

/** The practice's settings, or the defaults when it was never configured. */
export async function getPractice(db: Db, practiceId: string): Promise<Practice> {
  return (await findPractice(db, practiceId)) ?? defaultPractice(practiceId);
}

export async function savePractice(db: Db, practice: Practice): Promise<void> {
  const row = { ...practice, updated_at: Date.now() };
  await db
    .insertInto('practices')
    .values(row)
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(row))
    .execute();
}

export async function listPractices(db: Db): Promise<Practice[]> {
  const rows = await db.selectFrom('practices').selectAll().orderBy('practice_id').execute();
  return rows.map(({ updated_at: _u, ...s }) => ZPractice.parse(s));
}
