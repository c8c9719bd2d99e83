import type { ValidRow } from '../ingest/read-entity-batches.js';
import type { Db } from './database.js';
import { existingIds } from './entity.repository.js';

/** Unknown activity users seen in a file: kept, counted, reported once with the first lines. */
export interface UnknownUsers {
  count: number;
  lines: number[];
}

/** Counts the activity rows of a batch whose user is not a known client or therapist. */
export async function checkActivityUsers(
  db: Db,
  practiceId: string,
  rows: ValidRow[],
  seen: UnknownUsers,
): Promise<void> {
  for (const [type, entity] of [
    ['client', 'clients'],
    ['therapist', 'therapists'],
  ] as const) {
    const mine = rows.filter((r) => r.row.user_type === type);
    if (mine.length === 0) continue;
    const known = await existingIds(db, entity, practiceId, [
      ...new Set(mine.map((r) => String(r.row.user_id))),
    ]);
    for (const r of mine) {
      if (known.has(String(r.row.user_id))) continue;
      seen.count++;
      if (seen.lines.length < 5) seen.lines.push(r.line);
    }
  }
}
