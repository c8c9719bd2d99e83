import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAlertRule, listAlertEvents } from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import { recordImport } from '../../store/import-log.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { appointment, insert, therapist } from '../test-records.js';
import { evaluateAlerts } from './evaluate-alerts.js';

const PID = 'p';
/** Wednesday 2 December 2026: the closed weeks before it are W48 (23–29 Nov), W47 (16–22 Nov). */
const NOW = Date.parse('2026-12-02T12:00:00Z');
const HOOK = { kind: 'webhook' as const, url: 'http://127.0.0.1:9/hook', secret: 's'.repeat(16) };

/** `n` completed sessions of `t` on the UTC day `day`. */
const sessions = (t: string, day: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    appointment({ therapist_id: t, start: `${day}T${String(9 + i).padStart(2, '0')}:00:00Z` }),
  );

async function logImport(db: Db, at: number, practiceId = PID) {
  await recordImport(db, {
    import_id: randomUUID(),
    practice_id: practiceId,
    source: 'test',
    format: 'test',
    started_at: at,
    finished_at: at,
    status: 'ok',
    files: [],
    warnings: 0,
    report_path: null,
  });
}

for (const dialect of DIALECTS) {
  describe(`alert evaluation on ${dialect}`, async () => {
    const skip = await dialectSkipReason(dialect);
    let store: TestStore;
    before(async () => {
      if (!skip) store = await freshStore(dialect);
    });
    after(async () => store?.drop());

    it(
      'therapist over their own limit on 2 days of 2 weeks: one fire, to admin and self',
      { skip: skip ?? false },
      async () => {
        const db = store.db;
        await insert(db, 'therapists', [
          therapist('t1', { display_name: 'Ann', max_sessions_per_day: 2 }),
          therapist('t2', { display_name: 'Bob', max_sessions_per_day: 5 }),
        ]);
        // Ann: 3 sessions (limit 2) on Mon+Tue of W47 and on Mon+Wed of W48, 2 on Thu (not over).
        // Bob: 3 a day, under his limit of 5.
        await insert(db, 'appointments', [
          ...sessions('t1', '2026-11-16', 3),
          ...sessions('t1', '2026-11-17', 3),
          ...sessions('t1', '2026-11-23', 3),
          ...sessions('t1', '2026-11-25', 3),
          ...sessions('t1', '2026-11-26', 2),
          ...sessions('t2', '2026-11-23', 3),
          ...sessions('t2', '2026-11-24', 3),
        ]);
        const admin = await createUser(db, { login: 'admin@example.org', display_name: 'A' });
        const ann = await createUser(db, { login: 'ann@example.org', display_name: 'Ann' });
        await setMembership(db, ann.user_id, {
          practice_id: PID,
          role: 'clinician',
          therapist_id: 't1',
        });
        const rule = await createAlertRule(db, PID, {
          name: 'over limit',
          condition: { type: 'therapist_over_limit', days: 2 },
          recipients: [admin.user_id],
          channels: [HOOK],
        });

        const first = await evaluateAlerts(db, PID, { now: NOW, lookback: 2 });
        assert.equal(first.length, 1);
        const [e] = first;
        assert.equal(e!.notification.subject, 'therapist:t1');
        assert.equal(e!.notification.period, '2026-W48');
        assert.equal(e!.notification.transition, 'fire');
        assert.equal(e!.notification.value, 2);
        assert.deepEqual(e!.userIds.sort(), [admin.user_id, ann.user_id].sort());
        assert.match(
          e!.notification.text,
          /Ann was over their own daily limit of 2 sessions on 2 days/,
        );
        assert.doesNotMatch(e!.notification.text, /Bob/);

        // A rerun, and an evaluator that lost its state (restart, second server): nothing new.
        assert.equal((await evaluateAlerts(db, PID, { now: NOW, lookback: 2 })).length, 0);
        await db.deleteFrom('alert_state').execute();
        assert.equal((await evaluateAlerts(db, PID, { now: NOW, lookback: 2 })).length, 0);
        // Two evaluators at once: still one event in the store.
        await db.deleteFrom('alert_state').execute();
        const both = await Promise.all([
          evaluateAlerts(db, PID, { now: NOW, lookback: 2 }),
          evaluateAlerts(db, PID, { now: NOW, lookback: 2 }),
        ]);
        assert.equal(both.flat().length, 0);
        const events = (await listAlertEvents(db, PID)).filter((x) => x.rule_id === rule.rule_id);
        assert.equal(events.length, 1);
      },
    );

    it(
      'data stale after 7 days fires once, resolves when data arrives',
      { skip: skip ?? false },
      async () => {
        const db = store.db;
        await db.deleteFrom('alert_rules').execute();
        await db.deleteFrom('imports').execute();
        await logImport(db, Date.parse('2026-11-24T08:00:00Z')); // 8 days 4 h before NOW
        await createAlertRule(db, PID, {
          name: 'stale',
          condition: { type: 'data_stale', days: 7 },
          channels: [HOOK],
        });
        const fired = await evaluateAlerts(db, PID, { now: NOW });
        assert.deepEqual(
          fired.map((e) => [
            e.notification.transition,
            e.notification.period,
            e.notification.value,
          ]),
          [['fire', '2026-12-02', 8]],
        );
        assert.equal((await evaluateAlerts(db, PID, { now: NOW + 3_600_000 })).length, 0);
        await logImport(db, NOW + 7_200_000);
        const resolved = await evaluateAlerts(db, PID, { now: NOW + 7_300_000 });
        assert.deepEqual(
          resolved.map((e) => e.notification.transition),
          ['resolve'],
        );
      },
    );

    it(
      'kpi_band on real records: a small week does not alert, two full weeks below do, once',
      { skip: skip ?? false },
      async () => {
        const db = store.db;
        await db.deleteFrom('alert_rules').execute();
        const K = 'kb'; // a practice of its own (UTC, online_platform: typical completion 80–90 %)
        /** `done` completed and `missed` no-shows on the Tuesday `day`. */
        const week = (day: string, done: number, missed: number) => [
          ...sessions('t9', day, done).map((a) => ({ ...a, practice_id: K })),
          ...sessions('t9', day, missed).map((a) => ({
            ...a,
            practice_id: K,
            scheduled_start: a.scheduled_start + 12 * 3_600_000,
            status: 'no_show',
            source_status: 'no_show',
          })),
        ];
        const rule = await createAlertRule(db, K, {
          name: 'completion',
          condition: { type: 'kpi_band', kpi: 'session_completion_rate', period: 'week' },
          channels: [HOOK],
        });
        // W47: 7 of 10 = 70 % is below typical, but n = 10 < min sample 20: no figure.
        // W48: 14 of 20 = 70 %, a full week below: streak 1 of 2, nothing yet.
        await insert(db, 'appointments', [
          ...week('2026-11-17', 7, 3),
          ...week('2026-11-24', 14, 6),
        ]);
        assert.equal((await evaluateAlerts(db, K, { now: NOW, lookback: 2 })).length, 0);
        // W49 closes on 7 Dec: 15 of 20 = 75 %, below again → fires for W49.
        await insert(db, 'appointments', week('2026-12-01', 15, 5));
        const later = Date.parse('2026-12-08T12:00:00Z');
        const fired = await evaluateAlerts(db, K, { now: later, lookback: 3 });
        assert.deepEqual(
          fired.map((e) => [
            e.notification.period,
            e.notification.transition,
            e.notification.value,
          ]),
          [['2026-W49', 'fire', 75]],
        );
        assert.match(fired[0]!.notification.text, /below the typical band in 2026-W49: 75/);
        assert.equal((await evaluateAlerts(db, K, { now: later, lookback: 3 })).length, 0);
        await db.deleteFrom('alert_rules').where('rule_id', '=', rule.rule_id).execute();
      },
    );
    it(
      'a week judged in band that a late import puts below it fires once (K = 1), never again',
      { skip: skip ?? false },
      async () => {
        const db = store.db;
        await db.deleteFrom('alert_rules').execute();
        const L = 'late'; // UTC, online_platform: typical completion 80–90 %, min sample 20
        const at = (day: string, n: number, status: 'completed' | 'no_show', hour0: number) =>
          sessions('t8', day, n).map((a, i) => ({
            ...a,
            practice_id: L,
            scheduled_start: Date.parse(`${day}T00:00:00Z`) + (hour0 + i) * 1_800_000,
            status,
            source_status: status,
          }));
        const rule = await createAlertRule(db, L, {
          name: 'completion',
          condition: {
            type: 'kpi_band',
            kpi: 'session_completion_rate',
            period: 'week',
            consecutive: 1,
          },
          channels: [HOOK],
        });
        // W48 (23–29 Nov): 17 completed, 3 no-shows = 17 / 20 = 85 %, typical: nothing fires.
        await insert(db, 'appointments', [
          ...at('2026-11-24', 17, 'completed', 0),
          ...at('2026-11-24', 3, 'no_show', 20),
        ]);
        await logImport(db, NOW - 86_400_000, L);
        assert.equal((await evaluateAlerts(db, L, { now: NOW, lookback: 2 })).length, 0);
        // A late import adds 10 no-shows of Wed 25 Nov: 17 / 30 = 56.67 %, below typical.
        await insert(db, 'appointments', at('2026-11-25', 10, 'no_show', 0));
        await logImport(db, NOW + 3_600_000, L);
        const later = NOW + 7_200_000;
        const fired = await evaluateAlerts(db, L, { now: later, lookback: 2 });
        assert.deepEqual(
          fired.map((e) => [e.notification.period, e.notification.transition]),
          [['2026-W48', 'fire']],
        );
        assert.ok(Math.abs(fired[0]!.notification.value! - (17 / 30) * 100) < 1e-6); // the engine rounds to 6 places
        assert.equal(
          fired[0]!.notification.text,
          'Session completion rate of the practice is below the typical band in 2026-W48: 56.7. ' +
            '(Judged again: the figures of 2026-W48 changed.)',
        );
        // A rerun, and one after W49 closed without sessions (no figure): nothing more.
        assert.equal((await evaluateAlerts(db, L, { now: later, lookback: 2 })).length, 0);
        const nextWeek = Date.parse('2026-12-08T12:00:00Z');
        assert.equal((await evaluateAlerts(db, L, { now: nextWeek, lookback: 2 })).length, 0);
        const events = (await listAlertEvents(db, L)).filter((x) => x.rule_id === rule.rule_id);
        assert.equal(events.length, 1);
        await db.deleteFrom('alert_rules').execute();
      },
    );

    it(
      'a KPI rule on a practice without records never fires (no_source)',
      { skip: skip ?? false },
      async () => {
        const db = store.db;
        await db.deleteFrom('alert_rules').execute();
        const rule = await createAlertRule(db, 'empty-practice', {
          name: 'completion',
          condition: { type: 'kpi_band', kpi: 'session_completion_rate', period: 'week' },
          channels: [HOOK],
        });
        assert.equal((await evaluateAlerts(db, 'empty-practice', { now: NOW })).length, 0);
        const state = await db
          .selectFrom('alert_state')
          .selectAll()
          .where('rule_id', '=', rule.rule_id)
          .execute();
        assert.deepEqual(
          state.map((s) => [s.subject, s.state, Number(s.streak)]),
          [['practice', 'resolved', 0]],
        );
        await db.deleteFrom('alert_rules').execute();
      },
    );
  });
}
