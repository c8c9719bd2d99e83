import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';

export interface DigestKey {
  practiceId: string;
  userId: string;
  /** ISO week in the practice zone, e.g. 2026-W49. */
  week: string;
}

const row = (k: DigestKey) => ({ practice_id: k.practiceId, user_id: k.userId, week: k.week });

/**
 * Takes the one digest of a user and week: true when this caller inserted the claim and so
 * sends it; false when a rerun, a restart or another server took it first.
 */
export async function claimDigest(db: Db, k: DigestKey, now = Date.now()): Promise<boolean> {
  const res = await db
    .insertInto('digest_claims')
    .values({ ...row(k), claimed_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'user_id', 'week']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives a claim back after its e-mail failed every attempt, so a later run may try again. */
export async function releaseDigest(db: Db, k: DigestKey): Promise<void> {
  const r = row(k);
  await db
    .deleteFrom('digest_claims')
    .where('practice_id', '=', r.practice_id)
    .where('user_id', '=', r.user_id)
    .where('week', '=', r.week)
    .execute();
}

/** The practices a weekly digest goes to: those with at least one member, in id order. */
export async function practicesWithMembers(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('practice_id')
    .distinct()
    .orderBy('practice_id')
    .modifyEnd(ACROSS_PRACTICES)
    .execute();
  return rows.map((r) => r.practice_id);
}
