import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * rollup_presence_who covers every column a user-ordered count reads: a bucket of many months
 * (the whole of a twelve- or 24-month report) counts each user once by walking the user's rows
 * in index order instead of sorting them for a distinct count (metrics/rollups/read-presence.ts).
 * The incremental refresh still finds a user's rows by its leading (practice_id, kind, who).
 * Portable DDL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollup_presence_who').execute();
  await db.schema
    .createIndex('rollup_presence_who')
    .on('rollup_presence')
    .columns([...WHO, 'month_day', 'mask_a', 'mask_b', 'reg_from', 'reg_to'])
    .execute();
}

const WHO = ['practice_id', 'kind', 'who'];

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollup_presence_who').execute();
  await db.schema.createIndex('rollup_presence_who').on('rollup_presence').columns(WHO).execute();
}
