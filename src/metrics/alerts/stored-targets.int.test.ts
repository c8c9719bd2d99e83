import assert from 'node:assert/strict';
import { onEveryDialect, PID } from '../test-records.js';
import { createTarget } from '../../store/target.repository.js';
import { storedTargets } from './stored-targets.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

onEveryDialect('alerts read the stored targets', {
  'each target with its latest check-in; a personal target is told to its owner alone': async (
    db,
  ) => {
    const start = iso(Date.now() - 21 * DAY);
    const base = {
      kpi_id: 'session_completion_rate',
      kind: { type: 'above' as const, x: 80 },
      start_date: start,
      cadence: 'week' as const,
      notes: null,
    };
    await createTarget(db, PID, 'usr_owner', {
      ...base,
      scope: 'practice',
      title: 'Completion above 80 %',
      followers: ['usr_f', 'usr_owner'],
    });
    await createTarget(db, PID, 'usr_clin', {
      ...base,
      scope: 'therapist:t1',
      title: 'My own completion',
      followers: ['usr_f'],
    });
    const got = await storedTargets(db, PID);
    const byTitle = Object.fromEntries(got.map((t) => [t.title, t]));
    assert.deepEqual(Object.keys(byTitle).sort(), ['Completion above 80 %', 'My own completion']);
    assert.deepEqual(byTitle['Completion above 80 %']!.userIds, ['usr_owner', 'usr_f']);
    assert.deepEqual(byTitle['My own completion']!.userIds, ['usr_clin']);
    // No sessions at all: the latest closed week has no verdict, which never alerts.
    assert.equal(byTitle['Completion above 80 %']!.status, 'not_enough_data');
    assert.match(byTitle['Completion above 80 %']!.period, /^\d{4}-W\d\d$/);
  },
});
