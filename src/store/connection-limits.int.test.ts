import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from './database.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

/** Runs `fn` with environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`connection limits on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('every connection carries its wait and run bounds', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        if (dialect === 'sqlite') {
          const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(store.db);
          assert.equal(Number(rows[0]?.timeout), 30_000);
          const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
          assert.equal(mode.rows[0]?.journal_mode, 'wal');
        } else {
          const show = async (name: string) =>
            Object.values(
              (await sql<Record<string, string>>`SHOW ${sql.raw(name)}`.execute(store.db)).rows[0]!,
            )[0];
          assert.equal(await show('statement_timeout'), '10min');
          assert.equal(await show('idle_in_transaction_session_timeout'), '1min');
        }
      } finally {
        await store.drop();
      }
    });

    it('the bounds are configurable and enforced', { skip }, async () => {
      const base = await freshStore(dialect);
      try {
        const store = await withEnv(
          {
            RAPPORT_PG_STATEMENT_TIMEOUT_MS: '300',
            RAPPORT_PG_IDLE_TX_TIMEOUT_MS: '300',
            RAPPORT_SQLITE_BUSY_TIMEOUT_MS: '1234',
          },
          () => openStore(base.url),
        );
        try {
          if (dialect === 'sqlite') {
            const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(store.db);
            assert.equal(Number(rows[0]?.timeout), 1234);
            return;
          }
          await assert.rejects(sql`SELECT pg_sleep(2)`.execute(store.db), /statement timeout/);
          await assert.rejects(
            store.db.transaction().execute(async (trx) => {
              await sql`SELECT 1`.execute(trx);
              await sleep(1_000);
              await sql`SELECT 1`.execute(trx);
            }),
            /idle-in-transaction|terminat|Connection/i,
          );
          // The pool replaces the ended connection: the store still answers.
          const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db);
          assert.equal(Number(rows[0]?.one), 1);
        } finally {
          await store.close();
        }
      } finally {
        await base.drop();
      }
    });
  });
}
