import assert from 'node:assert/strict';
import { defaultPractice } from '../../model/practice.js';
import { appointment, client, insert, onEveryDialect, PID } from '../test-records.js';
import { createTarget, setCheckinNote, storedCheckins } from '../../store/target.repository.js';
import { checkinsOf, latestCheckins, refreshCheckins } from './target-checkins.js';

/** `done` completed and `missed` no-show sessions on the local (UTC) day `day`, at 10:00. */
const week = (day: string, done: number, missed: number) => [
  ...Array.from({ length: done }, (_, i) =>
    appointment({ start: `${day}T10:00:00Z`, client_id: `c${day}d${i}` }),
  ),
  ...Array.from({ length: missed }, (_, i) =>
    appointment({ start: `${day}T10:00:00Z`, client_id: `c${day}m${i}`, status: 'no_show' }),
  ),
];

// Read on Tuesday 2026-02-10: the closed ISO weeks are W02 (Jan 5) … W06 (Feb 2–8).
const NOW = Date.parse('2026-02-10T12:00:00Z');
const practice = defaultPractice(PID);

// Session completion from 70 % to 80 % over 10 weeks: start Monday 2026-01-05, due 2026-03-16.
const rise = {
  kpi_id: 'session_completion_rate',
  scope: 'practice',
  kind: { type: 'from_to' as const, start_value: 70, goal: 80, due: '2026-03-16' },
  title: 'Completion from 70 to 80 %',
  start_date: '2026-01-05',
  cadence: 'week' as const,
  notes: null,
  followers: [],
};

onEveryDialect('target check-ins', {
  'a target from 70 % to 80 % over 10 weeks, read at week 5: expected 75 and each status': async (
    db,
  ) => {
    await insert(db, 'appointments', [
      ...week('2026-01-06', 15, 5), // W02: 15/20 = 75 %, expected 71 → on track
      ...week('2026-01-13', 5, 0), // W03: 5/5 but n 5 < min sample 20 → not enough data
      // W04: nothing at all → not enough data (no_data)
      ...week('2026-01-27', 40, 60), // W05: 40 %, interval ≈ 30.9–49.8, expected 74 → off
      ...week('2026-02-03', 14, 6), // W06: 70 %, interval ≈ 48.1–85.5 reaches 75 → at risk
      ...week('2026-02-10', 20, 0), // the running week: no check-in yet
    ]);
    const t = await createTarget(db, PID, 'usr_x', rise, NOW);
    const got = await checkinsOf(db, practice, t, NOW);
    assert.deepEqual(
      got.map((c) => [c.period, c.value, c.n, c.kpi_status, c.expected, c.status]),
      [
        ['2026-W02', 75, 20, 'ok', 71, 'on_track'],
        ['2026-W03', 100, 5, 'insufficient_data', 72, 'not_enough_data'],
        ['2026-W04', null, 0, 'no_data', 73, 'not_enough_data'],
        ['2026-W05', 40, 100, 'ok', 74, 'off_track'],
        ['2026-W06', 70, 20, 'ok', 75, 'at_risk'],
      ],
    );
    const w6 = got[4]!;
    assert.deepEqual([w6.from, w6.to], ['2026-02-02', '2026-02-08']);
    assert.ok(w6.ci && Math.abs(w6.ci[0] - 48.1) < 0.1 && Math.abs(w6.ci[1] - 85.45) < 0.1);
    // A second read with the same data recomputes nothing: the stored rows come back as they are.
    const again = await refreshCheckins(db, practice, t, NOW + 60_000);
    assert.deepEqual(
      again.map((c) => c.computed_at),
      got.map(() => NOW),
    );
    const [latest] = await latestCheckins(db, PID, NOW);
    assert.equal(latest?.latest?.period, '2026-W06');
    assert.equal(latest?.latest?.status, 'at_risk');
  },

  'a late import that changes a closed week changes its check-in and keeps its note': async (
    db,
  ) => {
    await insert(db, 'appointments', week('2026-02-03', 14, 6));
    const t = await createTarget(db, PID, 'usr_x', { ...rise, start_date: '2026-02-02' }, NOW);
    // From 02-02 the line runs 42 days to 03-16: at the end of the first week 70 + 10 × 7/42.
    const before = await checkinsOf(db, practice, t, NOW);
    assert.deepEqual(
      before.map((c) => [c.period, c.value, c.status]),
      [['2026-W06', 70, 'at_risk']],
    );
    await setCheckinNote(db, t, '2026-W06', 'usr_x', {
      note: 'two therapists ill',
      confidence: 'at_risk',
    });
    // A late import of 20 more completed sessions that week: 34/40 = 85 %.
    await insert(db, 'appointments', week('2026-02-04', 20, 0));
    const after = await checkinsOf(db, practice, t, NOW + 1000);
    assert.deepEqual(
      after.map((c) => [c.period, c.value, c.n, c.status, c.note, c.confidence]),
      [['2026-W06', 85, 40, 'on_track', 'two therapists ill', 'at_risk']],
    );
    assert.equal(after[0]!.expected, 70 + (10 * 7) / 42);
    assert.equal((await storedCheckins(db, t))[0]!.computed_at, NOW + 1000);
  },

  'service and channel targets read only their records': async (db) => {
    // W02: client a (channel ads) 20 completed "talk" sessions; client b (referral) 20 no-shows.
    await insert(db, 'clients', [
      client('a', '2026-01-01T00:00:00Z', { acquisition_channel: 'ads' }),
      client('b', '2026-01-01T00:00:00Z', { acquisition_channel: 'referral' }),
    ]);
    const day = Date.parse('2026-01-06T10:00:00Z');
    await insert(db, 'appointments', [
      ...Array.from({ length: 20 }, (_, i) =>
        appointment({ start: day + i * 60_000, client_id: 'a', service: 'talk' }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        appointment({ start: day + i * 60_000, client_id: 'b', status: 'no_show' }),
      ),
    ]);
    const upTo = { ...rise, kind: { type: 'above' as const, x: 80 } };
    const now = Date.parse('2026-01-13T12:00:00Z'); // W02 closed, W03 running
    const read = async (scope: string) => {
      const t = await createTarget(db, PID, 'usr_x', { ...upTo, scope }, now);
      return (await checkinsOf(db, practice, t, now)).map((c) => [
        c.period,
        c.value,
        c.n,
        c.status,
      ]);
    };
    assert.deepEqual(await read('practice'), [['2026-W02', 50, 40, 'off_track']]);
    assert.deepEqual(await read('service:talk'), [['2026-W02', 100, 20, 'on_track']]);
    assert.deepEqual(await read('channel:ads'), [['2026-W02', 100, 20, 'on_track']]);
    assert.deepEqual(await read('channel:referral'), [['2026-W02', 0, 20, 'off_track']]);
    assert.deepEqual(await read('channel:none-such'), [['2026-W02', null, 0, 'not_enough_data']]);
  },
});
