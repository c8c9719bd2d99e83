import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * The monthly report by e-mail. `report_subscriptions`: one row per practice × user — which
 * report the user receives (the practice's, or one therapist's beside the practice) on which
 * paper. `report_claims`: one row per practice × user × month, inserted before the report is
 * sent, so the schedule on two servers, a restart or a manual run sends it once. Both keys lead
 * with practice_id. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_subscriptions')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)')
    .addColumn('paper', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_subscriptions_pk', ['practice_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('report_claims')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_claims_pk', ['practice_id', 'user_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_claims').execute();
  await db.schema.dropTable('report_subscriptions').execute();
}
