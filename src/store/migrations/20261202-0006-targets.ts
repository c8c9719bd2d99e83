import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Targets and their check-ins (issue 12). A check-in is recomputed whenever the practice's data
 * version changes, so the notes and confidences people add live in their own table, keyed by
 * target and period, and survive every recompute. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('targets')
    .addColumn('target_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('kpi_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('scope', 'varchar(300)', (c) => c.notNull())
    .addColumn('kind_json', 'text', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('owner_user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('cadence', 'varchar(10)', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('followers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('targets_practice_idx').on('targets').column('practice_id').execute();

  await db.schema
    .createTable('target_checkins')
    .addColumn('target_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('ci_lo', 'double precision')
    .addColumn('ci_hi', 'double precision')
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('kpi_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('data_version', 'varchar(100)', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('target_checkins_pk', ['target_id', 'period'])
    .execute();

  await db.schema
    .createTable('target_checkin_notes')
    .addColumn('target_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('confidence', 'varchar(20)')
    .addColumn('noted_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('noted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('target_checkin_notes_pk', ['target_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['target_checkin_notes', 'target_checkins', 'targets']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
