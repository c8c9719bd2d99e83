import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * People and access: users, their role per practice, web sessions, one-time sign-in codes,
 * invites and the append-only audit log; API tokens gain scopes (existing ones keep
 * `records:write`, all they could do) and an optional expiry. Every secret column holds a
 * SHA-256 or an argon2id hash, never the secret. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('login', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'practice_id'])
    .execute();
  await db.schema
    .createIndex('memberships_practice_idx')
    .on('memberships')
    .columns(['practice_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('session_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('practice_id', 'varchar(100)')
    .addColumn('csrf_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('sign_in_codes')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('practice_id', 'varchar(100)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('invite_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('invite_id', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)')
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('used_by', 'varchar(40)')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('entry_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('practice_id', 'varchar(100)')
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('target', 'varchar(200)')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('address', 'varchar(100)')
    .execute();
  await db.schema
    .createIndex('audit_log_practice_idx')
    .on('audit_log')
    .columns(['practice_id', 'at'])
    .execute();

  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'varchar(200)', (c) => c.notNull().defaultTo('records:write'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scopes').execute();
  for (const t of ['audit_log', 'invites', 'sign_in_codes', 'sessions', 'memberships', 'users']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
