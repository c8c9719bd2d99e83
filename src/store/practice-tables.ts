import { sql } from 'kysely';

/**
 * Which tables hold one practice's rows and which are shared by all of them: the one list the
 * schema test (`practice-keys.int.test.ts`), the query log of the test harness
 * (`query-log-check.ts`) and docs/SCALING.md go by. A table in neither list fails the schema
 * test, so every new table must be put in one of them.
 *
 * A practice table is distributed by `practice_id` on Citus: the column is NOT NULL, leads its
 * primary key, every unique index and every foreign key to another practice table, and every
 * statement names it, so a practice's rows and joins stay on one node.
 */
export const PRACTICE_TABLES: ReadonlySet<string> = new Set([
  // The ten entities (migration 0001).
  'therapists',
  'clients',
  'availability',
  'slots',
  'appointments',
  'session_ratings',
  'surveys',
  'messages',
  'payments',
  'activity',
  // The import log (also every push), the hash key and the API tokens of a practice.
  'imports',
  'practice_secrets',
  'api_tokens',
  // Rollups (migrations 0004, 0009): rebuildable copies of a practice's records.
  'rollup_state',
  'rollup_day_parts',
  'rollup_therapist_days',
  'rollup_clocks',
  'rollup_client_spells',
  'rollup_client_firsts',
  'rollup_presence',
  // Episode rollups (0013): the outcome KPIs' episodes of care.
  'rollup_episodes',
  'rollup_episode_months',
  // What writes touched since the last refresh (0010).
  'rollup_marks',
  // People and access (0005): a role in a practice, its invites, its audit entries (entries of
  // the whole store, such as a failed sign-in, under the practice id '' — see audit-log).
  'memberships',
  'invites',
  'audit_log',
  // Targets (0006), alerts and deliveries (0007), digest claims (0008).
  'targets',
  'target_checkins',
  'target_checkin_notes',
  'alert_rules',
  'alert_state',
  'alert_events',
  'deliveries',
  'delivery_attempts',
  'digest_claims',
  // The monthly report by e-mail (0012): who receives it, and each user's claimed month.
  'report_subscriptions',
  'report_claims',
]);

/**
 * Tables shared by every practice: a reference table on Citus (a copy on every node), small and
 * keyed by their own ids. A person is one user across practices, so users, their sessions and
 * sign-in codes are not a practice's; `practices` is the list of tenants itself.
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  'practices',
  'users',
  'sessions',
  'sign_in_codes',
  // Kysely's migration log and lock: the schema's, not a practice's.
  'kysely_migration',
  'kysely_migration_lock',
]);

/** The distribution column of every practice table. */
export const PRACTICE_COLUMN = 'practice_id';

/**
 * The mark of a statement that reads or writes a practice table across practices on purpose (a
 * presented secret names no practice; a command of the whole store), appended with Kysely's
 * `modifyEnd`. The query log of the test harness lets only marked statements go without a
 * `practice_id` condition; on Citus each is a multi-shard statement (docs/SCALING.md).
 */
export const ACROSS_PRACTICES = sql.raw('/* across practices */');
