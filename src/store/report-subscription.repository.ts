import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';

/** Who receives the monthly report of a practice, and which one. */
export interface ReportSubscription {
  user_id: string;
  /** null: the practice's report; else that therapist's beside the practice. */
  therapist_id: string | null;
  paper: string;
}

/** The subscriptions of a practice, by user id. */
export async function listReportSubscriptions(
  db: Db,
  practiceId: string,
): Promise<ReportSubscription[]> {
  return db
    .selectFrom('report_subscriptions')
    .select(['user_id', 'therapist_id', 'paper'])
    .where('practice_id', '=', practiceId)
    .orderBy('user_id')
    .execute();
}

/** Subscribes a user (replacing the report or paper they had). */
export async function saveReportSubscription(
  db: Db,
  practiceId: string,
  s: ReportSubscription,
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('report_subscriptions')
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', s.user_id)
      .execute();
    await tx
      .insertInto('report_subscriptions')
      .values({ practice_id: practiceId, ...s, created_at: now })
      .execute();
  });
}

/** Replaces every subscription of a practice with `subs` in one transaction. */
export async function replaceReportSubscriptions(
  db: Db,
  practiceId: string,
  subs: ReportSubscription[],
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('report_subscriptions').where('practice_id', '=', practiceId).execute();
    if (subs.length === 0) return;
    await tx
      .insertInto('report_subscriptions')
      .values(subs.map((s) => ({ practice_id: practiceId, ...s, created_at: now })))
      .execute();
  });
}

/** Ends a user's subscription; false when they had none. */
export async function removeReportSubscription(
  db: Db,
  practiceId: string,
  userId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('report_subscriptions')
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface ReportClaimKey {
  practiceId: string;
  userId: string;
  /** YYYY-MM */
  month: string;
}

const claimRow = (k: ReportClaimKey) => ({
  practice_id: k.practiceId,
  user_id: k.userId,
  month: k.month,
});

/**
 * Takes one user's report of one month: true when this caller inserted the claim and so sends
 * it; false when a rerun, a restart or another server took it first.
 */
export async function claimReport(db: Db, k: ReportClaimKey, now = Date.now()): Promise<boolean> {
  const res = await db
    .insertInto('report_claims')
    .values({ ...claimRow(k), claimed_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'user_id', 'month']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives a claim back after its e-mail failed every attempt, so a later run may try again. */
export async function releaseReport(db: Db, k: ReportClaimKey): Promise<void> {
  await db
    .deleteFrom('report_claims')
    .where('practice_id', '=', k.practiceId)
    .where('user_id', '=', k.userId)
    .where('month', '=', k.month)
    .execute();
}

/** The practices with at least one report subscription, in id order (the schedule's list). */
export async function practicesWithReportSubscriptions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('report_subscriptions')
    .select('practice_id')
    .distinct()
    .orderBy('practice_id')
    .modifyEnd(ACROSS_PRACTICES)
    .execute();
  return rows.map((r) => r.practice_id);
}
