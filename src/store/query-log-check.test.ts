import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryLogViolations, tablesWithoutPractice } from './query-log-check.js';

describe('query log check', () => {
  it('wants a practice_id condition on every practice table a statement reads or writes', () => {
    const cases: Array<[string, string[]]> = [
      ['select * from "targets" where "practice_id" = ? and "target_id" = ?', []],
      ['select * from "targets" where "target_id" = ?', ['targets']],
      // A join: each side's alias needs its own condition (or the join's equality).
      [
        'select "s"."rule_id" from "alert_state" as "s" inner join "alert_rules" as "r" on "r"."practice_id" = "s"."practice_id" and "r"."rule_id" = "s"."rule_id" where "s"."practice_id" = $1',
        [],
      ],
      [
        'select "s"."rule_id" from "alert_state" as "s" inner join "alert_rules" as "r" on "r"."rule_id" = "s"."rule_id" where "r"."practice_id" = $1',
        ['alert_state'],
      ],
      ['insert into "audit_log" ("entry_id", "at", "practice_id") values (?, ?, ?)', []],
      [
        'insert into "delivery_attempts" ("delivery_id", "attempt") values (?, ?)',
        ['delivery_attempts'],
      ],
      // An assignment is not a condition.
      ['update "deliveries" set "practice_id" = ? where "delivery_id" = ?', ['deliveries']],
      ['update "deliveries" set "status" = ? where "practice_id" = ? and "delivery_id" = ?', []],
      ['select distinct "practice_id" from "memberships" order by "practice_id"', ['memberships']],
      ['delete from "alert_state"', ['alert_state']],
      // A subquery's unqualified condition; a reference table needs none.
      [
        'select * from "users" where "user_id" in (select "user_id" from "memberships" where "practice_id" = ?)',
        [],
      ],
      ['select * from "users" where "login" = ?', []],
      // Raw SQL of the engine: unquoted, aliased, a string literal that only looks like a condition.
      [
        "SELECT a.status FROM appointments a JOIN therapists t ON t.therapist_id = a.therapist_id WHERE a.practice_id = ? AND a.note = 'practice_id = 1'",
        ['therapists'],
      ],
      // Marked, DDL and PRAGMA are not checked.
      ['select "practice_id" from "memberships" /* across practices */', []],
      ['create table "targets__rekey" ("a" int)', []],
      ['PRAGMA table_info(targets)', []],
    ];
    for (const [sql, missing] of cases) assert.deepEqual(tablesWithoutPractice(sql), missing, sql);
  });

  it('reports our code once per origin and text, and leaves test code and migrations out', () => {
    const bad = 'select * from "targets" where "target_id" = ?';
    const v = queryLogViolations([
      { sql: bad, origin: 'src/store/target.repository.ts:80', test: 'a.int.test.ts' },
      { sql: bad, origin: 'src/store/target.repository.ts:80', test: 'b.int.test.ts' },
      { sql: bad, origin: 'src/store/target.repository.ts:80', test: 'a.int.test.ts' },
      { sql: bad, origin: 'src/server/x.int.test.ts:12', test: 'x.int.test.ts' },
      { sql: bad, origin: 'src/store/import-test-helpers.ts:28', test: 'x.int.test.ts' },
      { sql: bad, origin: 'src/store/migrations/20261202-0011-practice-keys.ts:9', test: 'y' },
      { sql: 'select 1', origin: 'src/store/database.ts:30', test: 'y' },
    ]);
    assert.deepEqual(v, [
      {
        sql: bad,
        origin: 'src/store/target.repository.ts:80',
        tables: ['targets'],
        tests: ['a.int.test.ts', 'b.int.test.ts'],
      },
    ]);
  });
});
