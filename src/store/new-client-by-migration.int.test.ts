import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { findPractice } from './practice.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`migration 0009 (new clients by) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'gives a practice saved before it the first-session rule, and goes down and up',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const schema =
            dialect === 'postgres'
              ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]
                  ?.s
              : undefined;
          const migrator = new Migrator({
            db: store.db,
            provider: { getMigrations: async () => MIGRATIONS },
            ...(schema ? { migrationTableSchema: schema } : {}),
          });
          // Whether a column exists: selecting it fails when it does not (dialect-neutral).
          const has = (table: string, column: string) =>
            sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)} WHERE 1 = 0`
              .execute(store.db)
              .then(
                () => true,
                () => false,
              );
          const down = await migrator.migrateTo('20261202-0007-alerts');
          assert.equal(down.error, undefined);
          assert.equal(await has('practices', 'new_client_by'), false);
          assert.equal(await has('rollup_client_firsts', 'first_at'), true);
          assert.equal(await has('rollup_client_firsts', 'new_at'), false);
          await sql`INSERT INTO practices (practice_id, name, timezone, currency, profile,
            active_window_days, late_cancel_notice_hours, min_sample, locale, updated_at)
          VALUES ('old', NULL, 'Europe/Oslo', 'NOK', 'neurofeedback', 60, 12, 5, 'nb-NO', 1)`.execute(
            store.db,
          );
          const up = await migrator.migrateToLatest();
          assert.equal(up.error, undefined);
          const old = await findPractice(store.db, 'old');
          assert.deepEqual(
            [old?.timezone, old?.active_window_days, old?.new_client_by],
            ['Europe/Oslo', 60, 'first_session'],
          );
          assert.equal(await has('rollup_client_firsts', 'new_at'), true);
          assert.equal(await has('rollup_client_firsts', 'first_match_retained'), true);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
