import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { listAlertStates, listDeliveries, readAlertState } from './alert.repository.js';
import { authenticateToken, hashToken } from './api-token.repository.js';
import { listAudit } from './audit-log.repository.js';
import { readStoredTables } from './dialect.js';
import { importRow } from './import-history.repository.js';
import { findInvite } from './invite.repository.js';
import { MIGRATIONS } from './migrations/index.js';
import { practiceKeyProblems } from './practice-keys.js';
import { sha256 } from './secret-token.js';
import { checkinNotes, findTarget, storedCheckins } from './target.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';
import { membershipsOf } from './user.repository.js';

const THIS = '20261202-0011-practice-keys';
/** The migration right before this one, whichever it is. */
const BEFORE = Object.keys(MIGRATIONS)
  .sort()
  .filter((n) => n < THIS)
  .at(-1)!;

const KIND = JSON.stringify({ type: 'above', x: 0.5 });

/** One row of every table 0011 rebuilds, written in the shapes before it. */
const OLD_ROWS = [
  sql`insert into imports (import_id, practice_id, source, format, started_at, finished_at, status,
    inserted, updated, unchanged, rejected, warnings, counts_json, report_path)
    values ('imp_1', 'pa', 'folder', 'canonical', 10, 20, 'succeeded', 3, 0, 0, 0, 0, '{}', null)`,
  sql`insert into api_tokens (token_id, practice_id, name, token_hash, created_at, scopes)
    values ('tok_1', 'pa', 'ehr', ${hashToken('rpt_secret')}, 1, 'records:write')`,
  sql`insert into users (user_id, login, display_name, created_at)
    values ('usr_1', 'ann', 'Ann', 1)`,
  sql`insert into memberships (user_id, practice_id, role, therapist_id, created_at)
    values ('usr_1', 'pb', 'admin', null, 1), ('usr_1', 'pa', 'owner', null, 1)`,
  sql`insert into invites (invite_hash, invite_id, practice_id, role, created_at, expires_at)
    values (${sha256('inv_secret')}, 'ivt_1', 'pa', 'clinician', 1, 9999999999999)`,
  sql`insert into audit_log (entry_id, at, practice_id, actor, action, details)
    values ('aud_1', 5, null, 'ann', 'sign_in_failed', '{}'),
           ('aud_2', 6, 'pa', 'cli', 'import', '{}')`,
  sql`insert into targets (target_id, practice_id, kpi_id, scope, kind_json, title, owner_user_id,
    start_date, cadence, followers, created_at, updated_at)
    values ('tgt_1', 'pa', 'utilization_rate', 'practice', ${KIND}, 'Busy', 'usr_1',
      '2026-01-05', 'week', '', 1, 1)`,
  sql`insert into target_checkins (target_id, period, period_from, period_to, value, ci_lo, ci_hi,
    n, kpi_status, expected, status, data_version, computed_at)
    values ('tgt_1', '2026-W02', '2026-01-05', '2026-01-11', 0.6, 0.5, 0.7, 40, 'ok', 0.5,
      'on_track', '1:20:1', 30),
    ('tgt_gone', '2026-W02', '2026-01-05', '2026-01-11', null, null, null, 0, 'ok', null,
      'on_track', 'v', 30)`,
  sql`insert into target_checkin_notes (target_id, period, note, confidence, noted_by, noted_at)
    values ('tgt_1', '2026-W02', 'holiday week', 'at_risk', 'usr_1', 31)`,
  sql`insert into alert_rules (rule_id, practice_id, name, condition_json, recipients_json,
    channels_json, created_at)
    values ('alr_1', 'pa', 'Stale', ${JSON.stringify({ type: 'data_stale', days: 3, consecutive: 1 })},
      '[]', '[]', 1)`,
  sql`insert into alert_state (rule_id, subject, state, streak, last_period, last_notified_period,
    updated_at, judged_json)
    values ('alr_1', 'practice', 'firing', 2, '2026-01-10', '2026-01-10', 40, '[]')`,
  sql`insert into alert_events (event_id, practice_id, rule_id, subject, period, transition,
    payload_json, created_at)
    values ('evt_1', 'pa', 'alr_1', 'practice', '2026-01-10', 'fire', '{}', 41)`,
  sql`insert into deliveries (delivery_id, practice_id, event_id, channel, target, status, attempts,
    created_at, finished_at)
    values ('dlv_1', 'pa', 'evt_1', 'webhook', 'http://hook', 'success', 2, 42, 43)`,
  sql`insert into delivery_attempts (delivery_id, attempt, at, ok, status_code, error)
    values ('dlv_1', 1, 42, 0, 500, 'boom'), ('dlv_1', 2, 43, 1, 200, null)`,
];

for (const dialect of DIALECTS) {
  describe(`migration 0011 (practice keys) on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'keeps every row through the re-keying, and migrates down and up again',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const { db } = store;
          const schema =
            dialect === 'postgres'
              ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
              : undefined;
          const migrator = new Migrator({
            db,
            provider: { getMigrations: async () => MIGRATIONS },
            ...(schema ? { migrationTableSchema: schema } : {}),
          });
          assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
          assert.notDeepEqual(practiceKeyProblems(await readStoredTables(db)), []);
          for (const statement of OLD_ROWS) await statement.execute(db);

          assert.equal((await migrator.migrateToLatest()).error, undefined);
          assert.deepEqual(practiceKeyProblems(await readStoredTables(db)), []);
          await readBack();

          // Down to the old shapes (the store-wide audit entry NULL again), then up once more.
          assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
          const audit = await sql<{ entry_id: string; practice_id: string | null }>`
          select entry_id, practice_id from audit_log order by entry_id`.execute(db);
          assert.deepEqual(audit.rows, [
            { entry_id: 'aud_1', practice_id: null },
            { entry_id: 'aud_2', practice_id: 'pa' },
          ]);
          const attempts = await sql<{ n: number }>`
          select count(*) as n from delivery_attempts`.execute(db);
          assert.equal(Number(attempts.rows[0]!.n), 2);
          assert.equal((await migrator.migrateToLatest()).error, undefined);
          await readBack();
        } finally {
          await store.drop();
        }

        async function readBack() {
          const { db } = store;
          assert.equal((await importRow(db, 'pa', 'imp_1'))?.inserted, 3);
          assert.deepEqual(await authenticateToken(db, 'rpt_secret', 2), {
            tokenId: 'tok_1',
            practiceId: 'pa',
            scopes: ['records:write'],
          });
          assert.deepEqual(
            (await membershipsOf(db, 'usr_1')).map((m) => `${m.practice_id}:${m.role}`),
            ['pa:owner', 'pb:admin'],
          );
          assert.equal((await findInvite(db, 'inv_secret', 2))?.invite_id, 'ivt_1');
          assert.deepEqual(
            (await listAudit(db)).map((e) => [e.entry_id, e.practice_id]),
            [
              ['aud_2', 'pa'],
              ['aud_1', null],
            ],
          );
          const target = await findTarget(db, 'pa', 'tgt_1');
          assert.equal(target?.title, 'Busy');
          assert.equal(await findTarget(db, 'pb', 'tgt_1'), undefined);
          const checkins = await storedCheckins(db, target!);
          assert.deepEqual(
            checkins.map((c) => [c.period, c.value, c.n, c.status]),
            [['2026-W02', 0.6, 40, 'on_track']],
          );
          assert.equal((await checkinNotes(db, target!)).get('2026-W02')?.note, 'holiday week');
          // The check-in of a target that no longer exists has no practice: left behind.
          const orphans = await sql<{ n: number }>`
          select count(*) as n from target_checkins where target_id = 'tgt_gone'`.execute(db);
          assert.equal(Number(orphans.rows[0]!.n), 0);
          const state = await readAlertState(
            db,
            { practice_id: 'pa', rule_id: 'alr_1' },
            'practice',
          );
          assert.equal(state?.state, 'firing');
          assert.equal(state?.streak, 2);
          assert.deepEqual(
            (await listAlertStates(db, 'pa')).map((s) => [s.rule_id, s.state, s.since_at]),
            [['alr_1', 'firing', 41]],
          );
          const [delivery] = await listDeliveries(db, 'pa');
          assert.deepEqual(
            delivery?.attempts.map((a) => [a.attempt, a.ok, a.status_code]),
            [
              [1, false, 500],
              [2, true, 200],
            ],
          );
        }
      },
    );

    it(
      'is all or nothing: a failure at the last table leaves the first one as it was',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const { db } = store;
          const schema =
            dialect === 'postgres'
              ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
              : undefined;
          const migrator = new Migrator({
            db,
            provider: { getMigrations: async () => MIGRATIONS },
            ...(schema ? { migrationTableSchema: schema } : {}),
          });
          assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
          await OLD_ROWS[0]!.execute(db);
          // The name the last rebuild needs is taken: that rebuild, and so the migration, fails.
          await sql`create table delivery_attempts__rekey (x integer)`.execute(db);
          assert.notEqual((await migrator.migrateToLatest()).error, undefined);
          const tables = await readStoredTables(db);
          const imports = tables.find((t) => t.table === 'imports');
          assert.deepEqual(imports?.keys.find((k) => k.kind === 'primary')?.columns, ['import_id']);
          assert.ok(!tables.some((t) => t.table === 'imports__rekey'));
          assert.equal((await importRow(db, 'pa', 'imp_1'))?.inserted, 3);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
