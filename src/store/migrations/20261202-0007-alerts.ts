import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Alerts: rules, the noise-guard state per rule × subject, one event per state change (its
 * unique key is what keeps two evaluators or a rerun from notifying twice), and deliveries
 * with every attempt. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('rule_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('condition_json', 'text', (c) => c.notNull())
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_rules_practice_idx')
    .on('alert_rules')
    .column('practice_id')
    .execute();

  await db.schema
    .createTable('alert_state')
    .addColumn('rule_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('streak', 'integer', (c) => c.notNull())
    .addColumn('last_period', 'varchar(20)')
    .addColumn('last_notified_period', 'varchar(20)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_state_pk', ['rule_id', 'subject'])
    .execute();

  await db.schema
    .createTable('alert_events')
    .addColumn('event_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('rule_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('period', 'varchar(20)', (c) => c.notNull())
    .addColumn('transition', 'varchar(20)', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('alert_events_once', ['rule_id', 'subject', 'period', 'transition'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('delivery_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('target', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('deliveries_practice_idx')
    .on('deliveries')
    .columns(['practice_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('delivery_attempts')
    .addColumn('delivery_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('delivery_attempts_pk', ['delivery_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'delivery_attempts',
    'deliveries',
    'alert_events',
    'alert_state',
    'alert_rules',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
