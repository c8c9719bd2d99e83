import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * New clients by intake date: the practice setting `new_client_by` ('first_session', the
 * default, or 'created_at'), and rollup_client_firsts in its new shape — the instant that
 * makes a client new (`new_at`), its first session when it has one, and the first-match
 * retention flag. Rollups are rebuildable copies, so the table is made afresh; the rollup
 * format changed with it, so every practice's rollups are rebuilt on the next read.
 * Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('practices')
    .addColumn('new_client_by', 'varchar(20)', (c) => c.notNull().defaultTo('first_session'))
    .execute();
  await db.schema.dropTable('rollup_client_firsts').execute();
  await db.schema
    .createTable('rollup_client_firsts')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('new_at', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint')
    .addColumn('returned', 'integer', (c) => c.notNull())
    .addColumn('rematched', 'integer', (c) => c.notNull())
    .addColumn('first_match_retained', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_client_firsts_idx')
    .on('rollup_client_firsts')
    .columns([
      'practice_id',
      'new_at',
      'first_at',
      'returned',
      'rematched',
      'first_match_retained',
      'client_id',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_client_firsts').execute();
  await db.schema
    .createTable('rollup_client_firsts')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('returned', 'integer', (c) => c.notNull())
    .addColumn('rematched', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_client_firsts_idx')
    .on('rollup_client_firsts')
    .columns(['practice_id', 'first_at', 'returned', 'rematched', 'client_id'])
    .execute();
  await db.schema.alterTable('practices').dropColumn('new_client_by').execute();
}
