import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Secrets of a practice: the key of its pseudonymous ids (`practice_secrets`), and the API tokens
 * that may push records into it (`api_tokens`, only each token's SHA-256 kept). Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practice_secrets')
    .addColumn('practice_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('hash_key', 'varchar(200)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)')
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('api_tokens_practice_idx')
    .on('api_tokens')
    .columns(['practice_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').ifExists().execute();
  await db.schema.dropTable('practice_secrets').ifExists().execute();
}
