import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Weekly digests and re-judged alerts. `digest_claims`: one row per practice × user × ISO week,
 * inserted before the digest is sent, so a schedule on two servers, a restart or a manual run
 * sends it once. `alert_state.judged_json`: the observation and the guard state before it of
 * each period a rule × subject still observes, so a period whose figure a late import changed is
 * judged again from the state it started from. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_claims')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('week', 'varchar(10)', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_claims_pk', ['practice_id', 'user_id', 'week'])
    .execute();
  await db.schema.alterTable('alert_state').addColumn('judged_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_state').dropColumn('judged_json').execute();
  await db.schema.dropTable('digest_claims').execute();
}
