import { DEFAULT_PRACTICE_ID } from '../model/practice.js';
import type { Db } from './database.js';

/**
 * True when the store knows the practice: the default one, or one with saved settings, an
 * import in its log (every write path logs one) or an API token. Reads only; a read naming an
 * unknown practice must not leave rows behind.
 */
export async function isKnownPractice(db: Db, practiceId: string): Promise<boolean> {
  if (practiceId === DEFAULT_PRACTICE_ID) return true;
  const found = await Promise.all(
    (['practices', 'imports', 'api_tokens'] as const).map((table) =>
      db
        .selectFrom(table)
        .select('practice_id')
        .where('practice_id', '=', practiceId)
        .limit(1)
        .executeTakeFirst(),
    ),
  );
  return found.some((row) => row !== undefined);
}
