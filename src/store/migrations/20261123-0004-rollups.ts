import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Rollups: pre-aggregated, rebuildable copies of the records the KPI engine reads, so that a
 * dashboard reads thousands of rows instead of millions. Nothing here is a source of truth;
 * `rollup_state` says which data version (and engine format) they were built from, and a stale
 * or missing state makes the engine read the records themselves. Portable DDL only.
 * - rollup_day_parts: every additive KPI part per local day of the practice;
 * - rollup_therapist_days: sessions per therapist and local day, against the daily maximum;
 * - rollup_clocks: client-message → reply clocks (response time), one row per clock;
 * - rollup_client_spells: intervals (from, to] in which a client counts as active;
 * - rollup_client_firsts: each client's first completed session, return and rematch flags;
 * - rollup_presence: per user (or client) and local month, a bitmask of the days with activity
 *   (mask_a) or, for kind 'care', completed sessions (mask_a) and csat answers (mask_b).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_state')
    .addColumn('practice_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('timezone', 'varchar(100)', (c) => c.notNull())
    .addColumn('built_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rollup_day_parts')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_day_parts_idx')
    .on('rollup_day_parts')
    .columns(['practice_id', 'day', 'part', 'value'])
    .execute();

  await db.schema
    .createTable('rollup_therapist_days')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('max_per_day', 'integer')
    .addColumn('is_over', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_therapist_days_idx')
    .on('rollup_therapist_days')
    .columns(['practice_id', 'day', 'therapist_id', 'max_per_day', 'is_over'])
    .execute();

  await db.schema
    .createTable('rollup_clocks')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('wait_ms', 'bigint')
    .addColumn('therapist_id', 'varchar(200)')
    .addColumn('client_id', 'varchar(200)')
    .execute();
  await db.schema
    .createIndex('rollup_clocks_idx')
    .on('rollup_clocks')
    .columns(['practice_id', 'opened_at', 'wait_ms', 'therapist_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('rollup_client_spells')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('active_from', 'bigint', (c) => c.notNull())
    .addColumn('active_to', 'bigint', (c) => c.notNull())
    .addColumn('discharged_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('rollup_client_spells_idx')
    .on('rollup_client_spells')
    .columns(['practice_id', 'active_to', 'active_from', 'client_id', 'discharged_at'])
    .execute();

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

  await db.schema
    .createTable('rollup_presence')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('month_day', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('who', 'varchar(200)', (c) => c.notNull())
    .addColumn('mask_a', 'bigint', (c) => c.notNull())
    .addColumn('mask_b', 'bigint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('reg_from', 'bigint')
    .addColumn('reg_to', 'bigint')
    .execute();
  await db.schema
    .createIndex('rollup_presence_idx')
    .on('rollup_presence')
    .columns([
      'practice_id',
      'month_day',
      'kind',
      'who',
      'mask_a',
      'mask_b',
      'events',
      'reg_from',
      'reg_to',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rollup_presence',
    'rollup_client_firsts',
    'rollup_client_spells',
    'rollup_clocks',
    'rollup_therapist_days',
    'rollup_day_parts',
    'rollup_state',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
