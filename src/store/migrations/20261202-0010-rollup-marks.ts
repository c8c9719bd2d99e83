import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Incremental rollups: `rollup_marks` holds what writes touched since the rollups were last
 * refreshed — per practice a kind (local day, client, conversation, …) and a key — written in
 * the same transaction as the records. Rows are only ever inserted (a key marked twice is two
 * rows) and `stamp` is drawn afresh by each marking call, so a refresh removes exactly the marks
 * it read — by their stamps — and never waits on, nor blocks, a concurrent write. rollup_clocks gains the conversation of each
 * clock so one conversation's clocks can be replaced. Rollups are rebuildable copies: the
 * rollup format changes with this, so every practice's rollups are rebuilt once on the next
 * read, after which every write is marked. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_marks')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('mark_key', 'varchar(420)', (c) => c.notNull())
    .addColumn('stamp', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_marks_key')
    .on('rollup_marks')
    .columns(['practice_id', 'kind', 'mark_key'])
    .execute();
  await db.schema
    .createIndex('rollup_marks_stamp')
    .on('rollup_marks')
    .columns(['practice_id', 'stamp'])
    .execute();
  await db.schema
    .alterTable('rollup_clocks')
    .addColumn('conversation_id', 'varchar(200)')
    .execute();
  await db.schema
    .createIndex('rollup_clocks_conversation')
    .on('rollup_clocks')
    .columns(['practice_id', 'conversation_id'])
    .execute();
  // A refresh replaces the rows of some clients, therapists or users: find them by index.
  for (const [name, table, columns] of BY_OWNER) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

const BY_OWNER: [string, string, string[]][] = [
  ['rollup_client_spells_client', 'rollup_client_spells', ['practice_id', 'client_id']],
  ['rollup_client_firsts_client', 'rollup_client_firsts', ['practice_id', 'client_id']],
  ['rollup_presence_who', 'rollup_presence', ['practice_id', 'kind', 'who']],
  ['rollup_therapist_days_therapist', 'rollup_therapist_days', ['practice_id', 'therapist_id']],
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of BY_OWNER) await db.schema.dropIndex(name).execute();
  await db.schema.dropIndex('rollup_clocks_conversation').execute();
  await db.schema.alterTable('rollup_clocks').dropColumn('conversation_id').execute();
  await db.schema.dropTable('rollup_marks').execute();
}
