import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPractice } from '../../model/practice.js';
import { importRecords } from '../../store/import-records.js';
import { getPractice, savePractice } from '../../store/practice.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { listKpiRecords } from './list-kpi-records.js';

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** A completed 50-minute session of t1 at `start` (UTC). */
const session = (id: string, start: string) => {
  const end = new Date(Date.parse(start) + 50 * 60_000).toISOString();
  return {
    entity: 'appointments' as const,
    path: id,
    record: {
      appointment_id: id,
      client_id: 'c1',
      therapist_id: 't1',
      scheduled_start: start,
      scheduled_end: end,
      status: 'completed',
      service: 'talk_therapy',
      requested_at: '2026-10-01T10:00:00Z',
      booked_at: '2026-10-02T10:00:00Z',
    },
  };
};

for (const dialect of DIALECTS) {
  describe(`the therapist-days behind the load on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'are local days of the practice zone, also on the day summer time ends',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await savePractice(store.db, {
            ...defaultPractice('default'),
            timezone: 'America/New_York',
          });
          const records = [
            {
              entity: 'therapists' as const,
              path: 't1',
              record: {
                therapist_id: 't1',
                display_name: 'T',
                specialties: 'anxiety',
                languages: 'en',
                modalities: 'video',
                max_sessions_per_day: '2',
                max_sessions_per_week: '20',
                active_from: '2026-01-01T00:00:00Z',
                active_to: '',
              },
            },
            {
              entity: 'clients' as const,
              path: 'c1',
              record: {
                client_id: 'c1',
                created_at: '2026-09-01T10:00:00Z',
                acquisition_channel: 'referral',
                discharged_at: '',
              },
            },
            // Sunday 1 Nov in New York: 00:30 EDT, 12:00 EST and 23:30 EST — three sessions of one
            // local day, spread over two UTC days (a count by UTC day would find no day over 2).
            session('a1', '2026-11-01T04:30:00Z'),
            session('a2', '2026-11-01T17:00:00Z'),
            session('a3', '2026-11-02T04:30:00Z'),
            // Tuesday 3 Nov: one session.
            session('a4', '2026-11-03T15:00:00Z'),
          ];
          const r = await importRecords(store, { label: 'test', records }, { reportPath: false });
          assert.equal(
            r.issues.filter((i) => i.severity === 'error').length,
            0,
            JSON.stringify(r.issues),
          );
          const practice = await getPractice(store.db, 'default');
          const kpi = (await computeKpis(store.db, practice, NOVEMBER)).kpis.therapist_load!;
          assert.deepEqual([kpi.numerator, kpi.denominator], [1, 2]);
          const days = await listKpiRecords(store.db, practice, {
            kpi: 'therapist_load',
            side: 'denominator',
            ...NOVEMBER,
          });
          assert.equal(days.records_of, 'therapist-days');
          assert.deepEqual(
            days.records.map((d) => [
              d.therapist_id,
              d.day,
              d.sessions,
              d.max_sessions_per_day,
              d.over_limit,
            ]),
            [
              ['t1', '2026-11-01', 3, 2, 1],
              ['t1', '2026-11-03', 1, 2, 0],
            ],
          );
          const over = await listKpiRecords(store.db, practice, {
            kpi: 'therapist_load',
            side: 'numerator',
            ...NOVEMBER,
          });
          assert.deepEqual(
            over.records.map((d) => d.day),
            ['2026-11-01'],
          );
          assert.equal(over.figure, 1);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
