import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Episode rollups: what the outcome KPIs count, per episode of care, so that the `outcomes`
 * special and the Outcomes report read thousands of rows instead of every session and score of
 * the span. Rebuildable copies (metrics/rollups/build-episodes.ts), never a source of truth:
 * - rollup_episodes: one row per episode WITH an outcome — the instant of its latest score, the
 *   therapist and service of its last completed session at or before it, the client's channel,
 *   the flags, and the paired baseline / latest score per instrument (change, severity);
 * - rollup_episode_months: one row per eligible episode (≥ 2 completed sessions) and local month
 *   of the practice zone with a completed session of it — that month's last session (instant,
 *   therapist, service), the first session after the month (null: none), the client's channel,
 *   whether the episode has an outcome and, if not, why.
 * Plus an index of PHQ-9 / GAD-7 answers by client: a refresh rebuilds the episodes of the
 * clients a write marked and reads their answers by client. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_episodes')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('latest_at', 'bigint', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('service', 'varchar(200)')
    .addColumn('channel', 'varchar(200)')
    .addColumn('improved', 'integer', (c) => c.notNull())
    .addColumn('deteriorated', 'integer', (c) => c.notNull())
    .addColumn('caseness', 'integer', (c) => c.notNull())
    .addColumn('recovered', 'integer', (c) => c.notNull())
    .addColumn('reliably_recovered', 'integer', (c) => c.notNull())
    .addColumn('phq9_caseness', 'integer', (c) => c.notNull())
    .addColumn('phq9_response', 'integer', (c) => c.notNull())
    .addColumn('phq9_remission', 'integer', (c) => c.notNull())
    .addColumn('phq9_baseline', 'integer')
    .addColumn('phq9_latest', 'integer')
    .addColumn('gad7_baseline', 'integer')
    .addColumn('gad7_latest', 'integer')
    .execute();
  await db.schema
    .createTable('rollup_episode_months')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('next_at', 'bigint')
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('service', 'varchar(200)')
    .addColumn('channel', 'varchar(200)')
    .addColumn('covered', 'integer', (c) => c.notNull())
    .addColumn('missing', 'varchar(20)')
    .execute();
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

const INDEXES: [string, string, string[]][] = [
  // The rates: episodes by the instant of their latest score (covering the counts).
  [
    'rollup_episodes_idx',
    'rollup_episodes',
    [
      'practice_id',
      'latest_at',
      'therapist_id',
      'service',
      'channel',
      'improved',
      'deteriorated',
      'caseness',
      'recovered',
      'reliably_recovered',
      'phq9_caseness',
      'phq9_response',
      'phq9_remission',
    ],
  ],
  // Coverage: each month's last session, and whether the episode goes on after the month.
  [
    'rollup_episode_months_idx',
    'rollup_episode_months',
    [
      'practice_id',
      'last_at',
      'next_at',
      'covered',
      'missing',
      'therapist_id',
      'service',
      'channel',
    ],
  ],
  // A refresh replaces the rows of the marked clients.
  ['rollup_episodes_client', 'rollup_episodes', ['practice_id', 'client_id']],
  ['rollup_episode_months_client', 'rollup_episode_months', ['practice_id', 'client_id']],
  // A client's outcome answers in time order (episodes of the marked clients).
  [
    'surveys_client_idx',
    'surveys',
    ['practice_id', 'client_id', 'responded_at', 'response_id', 'instrument', 'score'],
  ],
];

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('surveys_client_idx').execute();
  await db.schema.dropTable('rollup_episode_months').execute();
  await db.schema.dropTable('rollup_episodes').execute();
}
