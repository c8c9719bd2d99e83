import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { readStoredTables } from './dialect.js';
import { practiceKeyProblems } from './practice-keys.js';
import { PRACTICE_TABLES, REFERENCE_TABLES } from './practice-tables.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`practice keys (ready for Citus) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'every key of a practice table of a migrated store leads with practice_id',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const tables = await readStoredTables(store.db);
          assert.deepEqual(practiceKeyProblems(tables), []);
          // The lists name no table the store lacks: they are the store's tables exactly.
          const names = tables.map((t) => t.table).sort();
          assert.deepEqual(names, [...PRACTICE_TABLES, ...REFERENCE_TABLES].sort());
          // And the keys were read: the entities' and the re-keyed tables' primary keys.
          const keyOf = (t: string) =>
            tables.find((x) => x.table === t)?.keys.find((k) => k.kind === 'primary')?.columns;
          assert.deepEqual(keyOf('appointments'), ['practice_id', 'appointment_id']);
          assert.deepEqual(keyOf('alert_state'), ['practice_id', 'rule_id', 'subject']);
          assert.deepEqual(keyOf('users'), ['user_id']);
          const once = tables
            .find((t) => t.table === 'alert_events')
            ?.keys.filter((k) => k.kind === 'unique')
            .map((k) => k.columns);
          assert.deepEqual(once, [['practice_id', 'rule_id', 'subject', 'period', 'transition']]);
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'names each key, foreign key and column that breaks the rule, and an unlisted table',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await sql`create table scratch_parent (practice_id varchar(100) not null,
          id varchar(40) not null, constraint scratch_parent_pk primary key (practice_id, id))`.execute(
            store.db,
          );
          await sql`create unique index scratch_parent_id on scratch_parent (id, practice_id)`.execute(
            store.db,
          );
          await sql`create table scratch_child (practice_id varchar(100), id varchar(40) not null,
          parent_id varchar(40) not null, user_id varchar(40) not null,
          constraint scratch_child_pk primary key (id),
          constraint scratch_child_parent foreign key (parent_id, practice_id)
            references scratch_parent (id, practice_id),
          constraint scratch_child_user foreign key (user_id) references users (user_id))`.execute(
            store.db,
          );
          await sql`create unique index scratch_child_pair on scratch_child (practice_id, parent_id)`.execute(
            store.db,
          );
          await sql`create table scratch_stray (x integer)`.execute(store.db);
          const scratch = (await readStoredTables(store.db)).filter((t) =>
            t.table.startsWith('scratch_'),
          );
          const problems = practiceKeyProblems(scratch, {
            practice: new Set(['scratch_parent', 'scratch_child']),
            reference: REFERENCE_TABLES,
          });
          assert.deepEqual(problems.sort(), [
            'foreign key of scratch_child (parent_id, practice_id) → scratch_parent(id, practice_id) does not lead with practice_id on both sides',
            'practice table scratch_child has no NOT NULL practice_id',
            'primary key of scratch_child (id) does not lead with practice_id',
            'table scratch_stray is neither a practice table nor a reference table (src/store/practice-tables.ts)',
            'unique index scratch_parent_id of scratch_parent (id, practice_id) does not lead with practice_id',
          ]);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
