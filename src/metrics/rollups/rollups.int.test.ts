import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { importRecords } from '../../store/import-records.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice, savePractice } from '../../store/practice.repository.js';
import { rollupState } from '../../store/rollup.repository.js';
import { countRollupMarks } from '../../store/rollup-marks.repository.js';
import { updatePractice } from '../../store/update-practice.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import type { Db } from '../../store/database.js';
import { computeKpis, type ComputeOptions } from '../engine/compute-kpis.js';
import { currentRollupVersion, refreshRollups, rollupsForRead } from './refresh-rollups.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));

/** Periods, groupings, filters and zones, read once from rollups and once from the records. */
const CASES: ComputeOptions[] = [
  { from: '2026-07-01', to: '2026-11-30', by: 'month' },
  { from: '2026-07-01', to: '2026-11-30', by: 'week' },
  { from: '2026-07-01', to: '2026-11-30' },
  // Mid-month edges and the switch back from daylight saving time on 1 November.
  { from: '2026-10-20', to: '2026-11-10', by: 'week' },
  { from: '2026-10-31', to: '2026-11-01' },
  { from: '2026-08-15', to: '2026-09-14', by: 'month' },
  // Groups by dimension and filters: client sets from the attributed runs, the rest from records.
  { from: '2026-07-01', to: '2026-11-30', by: 'therapist' },
  { from: '2026-07-01', to: '2026-11-30', by: 'channel' },
  { from: '2026-10-20', to: '2026-11-10', by: 'service' },
  { from: '2026-09-01', to: '2026-10-31', by: 'month', filter: { therapist: 't-0003' } },
  { from: '2026-09-01', to: '2026-10-31', filter: { service: 'talk_therapy' } },
  { from: '2026-09-01', to: '2026-10-31', by: 'therapist', filter: { therapist: 't-0003' } },
  { from: '2026-08-01', to: '2026-11-30', by: 'channel', filter: { service: 'talk_therapy' } },
  { from: '2026-10-05', to: '2026-11-15', by: 'week', filter: { service: 'talk_therapy' } },
  // Crossed filter and grouping: client sets stay on the records (clientSetGroupsServe).
  { from: '2026-09-01', to: '2026-10-31', by: 'service', filter: { therapist: 't-0003' } },
  // Another zone: read from the records.

  { from: '2026-07-01', to: '2026-11-30', by: 'month', timezone: 'Europe/Berlin' },
  // Every calendar bucket size, and more buckets than SQLite allows terms in a UNION ALL.
  { from: '2026-10-25', to: '2026-11-05', by: 'day' },
  { from: '2026-06-15', to: '2026-11-30', by: 'quarter' },
  { from: '2025-01-01', to: '2026-12-31', by: 'year' },
  { from: '2016-01-04', to: '2026-12-31', by: 'week' },
  { from: '2016-01-04', to: '2026-12-31', by: 'week', filter: { service: 'talk_therapy' } },
  // Days over a DST change with the data in every one of them: active clients are counted per
  // client as bitmasks of 50 boundaries each (count-active.ts), here two of them.
  { from: '2026-09-01', to: '2026-11-30', by: 'day' },
  { from: '2026-09-01', to: '2026-11-30', by: 'day', filter: { therapist: 't-0003' } },
  // Before and after the data.
  { from: '2020-01-01', to: '2020-03-31', by: 'month' },
  { from: '2027-01-01', to: '2027-01-31' },
];

async function sameBothWays(db: Db, c: ComputeOptions) {
  const practice = await getPractice(db, 'default');
  const rolled = await computeKpis(db, practice, c);
  const raw = await computeKpis(db, practice, { ...c, rollups: false });
  assert.deepEqual(rolled, raw, JSON.stringify(c));
  return rolled;
}

for (const dialect of DIALECTS) {
  describe(`rollups on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('give the figures the records give, for every case', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        for (const c of CASES) await sameBothWays(store.db, c);
        const state = await rollupState(store.db, 'default');
        const practice = await getPractice(store.db, 'default');
        assert.equal(state?.version, await currentRollupVersion(store.db, practice));
        assert.equal(state?.timezone, 'America/New_York');
        const { n } = await store.db
          .selectFrom('rollup_day_parts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.ok(Number(n) > 100, `day parts were built (${n})`);
      } finally {
        await store.drop();
      }
    });

    it("give the records' figures with new clients by intake date too", { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        const first = await getPractice(store.db, 'default');
        await refreshRollups(store.db, first);
        const v1 = (await rollupState(store.db, 'default'))?.version;
        await savePractice(store.db, { ...first, new_client_by: 'created_at' });
        const practice = await getPractice(store.db, 'default');
        // The setting is part of the rollups' version: they are stale until rebuilt.
        assert.notEqual(await currentRollupVersion(store.db, practice), v1);
        await refreshRollups(store.db, practice);
        const byIntake = await sameBothWays(store.db, CASES[2]!);
        for (const c of CASES) await sameBothWays(store.db, c);
        // In the sample a first session follows the intake by 2 to 239 days and 14 of 61 clients
        // have none: the figures differ from the first-session ones.
        await savePractice(store.db, first);
        await refreshRollups(store.db, first);
        const byFirst = await sameBothWays(store.db, CASES[2]!);
        assert.notDeepEqual(
          byIntake.kpis.new_client_acquisition_rate,
          byFirst.kpis.new_client_acquisition_rate,
        );
      } finally {
        await store.drop();
      }
    });

    it('are rebuilt when the data or the settings change', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        const month = { from: '2026-10-01', to: '2026-10-31' };
        const before = await sameBothWays(store.db, month);
        const v1 = (await rollupState(store.db, 'default'))?.version;
        // Another import (even one changing nothing) moves the data version on.
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        // Right after a rebuild a read uses the records (see rollupsForRead): rebuild here.
        await refreshRollups(store.db, await getPractice(store.db, 'default'));
        const again = await sameBothWays(store.db, month);
        assert.deepEqual(again, before);
        assert.notEqual((await rollupState(store.db, 'default'))?.version, v1);
        // A new practice zone: the rollups follow it, local days and all.
        const practice = await getPractice(store.db, 'default');
        await savePractice(store.db, { ...practice, timezone: 'Asia/Tokyo' });
        await refreshRollups(store.db, await getPractice(store.db, 'default'));
        await sameBothWays(store.db, { ...month, by: 'week' });
        assert.equal((await rollupState(store.db, 'default'))?.timezone, 'Asia/Tokyo');
      } finally {
        await store.drop();
      }
    });

    it('rebuild once for concurrent readers and then stay current', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
        const practice = await getPractice(store.db, 'default');
        const zones = await Promise.all([1, 2, 3].map(() => refreshRollups(store.db, practice)));
        assert.deepEqual(zones, ['America/New_York', 'America/New_York', 'America/New_York']);
        const built = (await rollupState(store.db, 'default'))?.built_at;
        await refreshRollups(store.db, practice);
        assert.equal((await rollupState(store.db, 'default'))?.built_at, built);
      } finally {
        await store.drop();
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`rollups for reads on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'a read right after a push refreshes what it marked; one needing a full rebuild within the cooldown reads the records',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
          const month = { from: '2026-10-01', to: '2026-10-31' };
          await sameBothWays(store.db, month);
          for (let n = 0; n < 3; n++) {
            await importRecords(
              store,
              {
                label: 'push',
                records: [
                  { entity: 'therapists', record: { therapist_id: `t-new-${n}` }, path: 'p' },
                ],
              },
              { reportPath: false },
            );
            const marks = await countRollupMarks(store.db, 'default');
            assert.deepEqual(marks, { n: 3, all: false }, 'therapist, user and known user');
            const practice = await getPractice(store.db, 'default');
            assert.equal(await rollupsForRead(store.db, practice), 'America/New_York');
            assert.deepEqual(await countRollupMarks(store.db, 'default'), { n: 0, all: false });
            assert.equal(
              (await rollupState(store.db, 'default'))?.version,
              await currentRollupVersion(store.db, practice),
            );
            await sameBothWays(store.db, month);
          }
          // A new late-cancellation notice reclassifies cancellations on any day: a full rebuild,
          // which right after the last one (the import's) waits for the cooldown.
          await refreshRollups(store.db, await getPractice(store.db, 'default'));
          const built = (await rollupState(store.db, 'default'))?.built_at;
          const practice = await getPractice(store.db, 'default');
          await store.db
            .transaction()
            .execute((trx) => updatePractice(trx, { ...practice, late_cancel_notice_hours: 48 }));
          const after = await getPractice(store.db, 'default');
          assert.equal(await rollupsForRead(store.db, after), null, 'stale: read the records');
          assert.equal((await rollupState(store.db, 'default'))?.built_at, built, 'no rebuild');
          await sameBothWays(store.db, month);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
