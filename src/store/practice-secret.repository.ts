import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** The environment variable that overrides every practice's hash key. */
export const HASH_KEY_ENV = 'RAPPORT_HASH_KEY';

/**
 * The key of a practice's pseudonymous ids (names and e-mails → keyed hashes): $RAPPORT_HASH_KEY
 * when set, else the practice's stored secret, generated on first use (32 random bytes, hex).
 * The only SQL for the practice_secrets table.
 */
export async function practiceHashKey(db: Db, practiceId: string): Promise<string> {
  const fromEnv = process.env[HASH_KEY_ENV];
  if (fromEnv) return fromEnv;
  const stored = async () =>
    (
      await db
        .selectFrom('practice_secrets')
        .select('hash_key')
        .where('practice_id', '=', practiceId)
        .executeTakeFirst()
    )?.hash_key;
  const found = await stored();
  if (found) return found;
  await db
    .insertInto('practice_secrets')
    .values({ practice_id: practiceId, hash_key: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('practice_id').doNothing())
    .execute();
  return (await stored())!;
}
