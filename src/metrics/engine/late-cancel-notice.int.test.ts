import assert from 'node:assert/strict';
import { defaultPractice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { dataVersion } from '../../store/import-history.repository.js';
import { getPractice, savePractice } from '../../store/practice.repository.js';
import { updatePractice } from '../../store/update-practice.js';
import { PID, appointment, insert, onEveryDialect } from '../test-records.js';
import { computeKpis } from './compute-kpis.js';

const START = '2026-01-10T10:00:00Z';
const before = (hours: number) => Date.parse(START) - hours * 3_600_000;

async function statuses(db: Db) {
  const rows = await db
    .selectFrom('appointments')
    .select(['appointment_id', 'status'])
    .orderBy('appointment_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.appointment_id, r.status]));
}

onEveryDialect('a changed late-cancellation notice', {
  'reclassifies the stored cancellations and moves the figures with it': async (db) => {
    await savePractice(db, { ...defaultPractice(PID), min_sample: 1 });
    const cancelled = (id: string, status: string, more: object) =>
      appointment({
        start: START,
        appointment_id: id,
        status,
        source_status: 'cancelled',
        ...more,
      });
    await insert(db, 'appointments', [
      // As the import stored them under the default 24 h notice.
      cancelled('a', 'late_cancelled', { cancelled_at: before(12), cancelled_by: 'client' }),
      cancelled('b', 'cancelled', { cancelled_at: before(36), cancelled_by: null }),
      cancelled('c', 'cancelled', { cancelled_at: before(2), cancelled_by: 'therapist' }),
      cancelled('d', 'cancelled', { cancelled_at: null }),
      appointment({
        start: START,
        appointment_id: 'e',
        status: 'late_cancelled',
        source_status: 'late_cancelled',
        cancelled_at: before(100),
      }),
      appointment({ start: START, appointment_id: 'f' }),
    ]);
    const late = async () => {
      const p = await getPractice(db, PID);
      const r = await computeKpis(db, p, {
        from: '2026-01-01',
        to: '2026-01-31',
        ids: ['no_show_cancellation_rate'],
      });
      return r.kpis.no_show_cancellation_rate!;
    };
    const at24 = await late();
    // a, b, d, e are the client's (b and d unattributed); c is the therapist's: 4 of 6 closed.
    assert.deepEqual([at24.numerator, at24.denominator], [4, 6]);
    const split = { no_shows: 0, client_cancellations: 2, late_cancellations: 2 };
    assert.deepEqual(at24.details, split);

    const v0 = await dataVersion(db, PID);
    const p = await getPractice(db, PID);
    const wider = await updatePractice(db, { ...p, late_cancel_notice_hours: 48 });
    assert.equal(wider.reclassified, 1);
    assert.notEqual(await dataVersion(db, PID), v0);
    assert.deepEqual(await statuses(db), {
      a: 'late_cancelled',
      b: 'late_cancelled',
      c: 'cancelled',
      d: 'cancelled',
      e: 'late_cancelled',
      f: 'completed',
    });

    const narrower = await updatePractice(db, { ...p, late_cancel_notice_hours: 6 });
    assert.equal(narrower.reclassified, 2);
    assert.deepEqual(await statuses(db), {
      a: 'cancelled',
      b: 'cancelled',
      c: 'cancelled',
      d: 'cancelled',
      e: 'late_cancelled', // the source said late: no notice rule undoes that
      f: 'completed',
    });
    const at6 = await late();
    assert.deepEqual([at6.numerator, at6.denominator], [4, 6]);
    assert.deepEqual(at6.details, { ...split, client_cancellations: 3, late_cancellations: 1 });

    const same = await updatePractice(db, { ...p, late_cancel_notice_hours: 6, min_sample: 2 });
    assert.equal(same.reclassified, null);
  },
});
