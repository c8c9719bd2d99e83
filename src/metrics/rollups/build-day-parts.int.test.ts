import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { importRecords } from '../../store/import-records.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice } from '../../store/practice.repository.js';
import { beginRollupRebuild } from '../../store/rollup.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import { SOURCES } from '../catalog/sources.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { buildDayParts, rolledParts } from './build-day-parts.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));

/** An appointment 75 years before the sample's data (2026), of a client and therapist it has. */
const ANCIENT = {
  appointment_id: 'a-ancient',
  client_id: 'c-000001',
  therapist_id: 't-0003',
  scheduled_start: '1951-06-15T10:00:00Z',
  scheduled_end: '1951-06-15T10:50:00Z',
  status: 'completed',
  service: 'talk_therapy',
  requested_at: '1951-06-01T10:00:00Z',
  booked_at: '1951-06-02T10:00:00Z',
};

for (const dialect of DIALECTS) {
  describe(`buildDayParts on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'reads only the months that hold data: one old record costs one month',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
          const practice = await getPractice(store.db, 'default');
          const build = () =>
            store.db.transaction().execute(async (trx) => {
              await beginRollupRebuild(trx, 'default', practice.timezone);
              return buildDayParts(trx, practice);
            });
          const before = await build();
          await importRecords(
            store,
            { label: 'test', records: [{ entity: 'appointments', record: ANCIENT, path: 'a#1' }] },
            { reportPath: false },
          );
          const after = await build();
          // The appointment sources (by scheduled start, by booking) each gain its one month
          // of 1951; iterating from 1951 to 2026 month by month would add about 900 per source.
          const appointmentSources = [...rolledParts().keys()].filter((s) =>
            SOURCES[s]!.from.startsWith('appointments '),
          ).length;
          assert.ok(appointmentSources >= 1);
          assert.ok(
            after.months - before.months <= appointmentSources,
            `months read: ${before.months} without, ${after.months} with the 1951 record`,
          );
          assert.ok(after.months > before.months, 'the 1951 month is read');
          // And the rollups still give the records' figures, in 1951 and in 2026.
          for (const c of [
            { from: '1951-06-01', to: '1951-06-30' },
            { from: '2026-07-01', to: '2026-11-30', by: 'month' as const },
          ]) {
            const rolled = await computeKpis(store.db, practice, c);
            const raw = await computeKpis(store.db, practice, { ...c, rollups: false });
            assert.deepEqual(rolled, raw, JSON.stringify(c));
          }
          const june = await computeKpis(store.db, practice, {
            from: '1951-06-01',
            to: '1951-06-30',
          });
          const completion = june.kpis.session_completion_rate;
          assert.equal(completion?.value, 100, '1 completed of 1 scheduled in June 1951');
        } finally {
          await store.drop();
        }
      },
    );
  });
}
