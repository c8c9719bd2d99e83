import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { AppError } from '../../model/app-error.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice } from '../../store/practice.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { KPI_IDS } from '../kpi-meta/kpi-meta.types.js';
import { SIDES, drillability } from './drill-plan.js';
import { listKpiRecords } from './list-kpi-records.js';

// The demo practice's `sample` size, as written by the simulator (samples/small-practice).
const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const NOW = Date.parse('2027-01-15T00:00:00Z');
const MONTH = { from: '2026-10-01', to: '2026-10-31' };

for (const dialect of DIALECTS) {
  describe(`records behind a figure on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'add up to every drillable KPI side, whole, filtered and per channel',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
          const practice = await getPractice(store.db, 'default');
          const cases = [
            { filter: undefined, channel: undefined },
            { filter: { therapist: 't-0003' }, channel: undefined },
            { filter: { service: 'talk_therapy' }, channel: undefined },
          ];
          const checked: string[] = [];
          for (const c of cases) {
            const report = await computeKpis(store.db, practice, {
              ...MONTH,
              filter: c.filter,
              now: NOW,
            });
            for (const id of KPI_IDS) {
              const result = report.kpis[id]!;
              for (const side of SIDES) {
                if (drillability(id)[side] !== null) continue;
                const expected = result[side];
                if (expected === null) continue; // not defined under this filter (checked below)
                const got = await listKpiRecords(store.db, practice, {
                  kpi: id,
                  side,
                  ...MONTH,
                  filter: c.filter,
                  limit: 5,
                  now: NOW,
                });
                const label = `${id} ${side} ${JSON.stringify(c.filter)}`;
                assert.ok(
                  Math.abs(got.figure - expected) < 1e-6,
                  `${label}: ${got.figure} vs ${expected}`,
                );
                assert.ok(got.records.length <= 5, label);
                if (c.filter === undefined) checked.push(`${id} ${side}`);
              }
            }
          }
          // Every side of every KPI lists its records now: none is left out of the loop above.
          const undrillable = KPI_IDS.flatMap((id) =>
            SIDES.filter((side) => drillability(id)[side] !== null).map((side) => `${id} ${side}`),
          );
          assert.deepEqual(undrillable, []);
          // The whole practice: the sides added last were compared with a figure, not skipped.
          for (const side of [
            'platform_usage_rate numerator',
            'platform_usage_rate denominator',
            'therapist_load numerator',
            'therapist_load denominator',
            'client_retention_rate numerator',
            'reliable_improvement_rate numerator',
            'outcome_coverage_rate denominator',
          ]) {
            assert.ok(checked.includes(side), `${side} was not compared`);
          }

          // A channel group: the drill-down equals the KPI's group under by=channel.
          const byChannel = await computeKpis(store.db, practice, {
            ...MONTH,
            by: 'channel',
            now: NOW,
          });
          const group = byChannel.groups!.find((g) => g.key !== '(none)')!;
          for (const id of ['session_completion_rate', 'new_client_acquisition_rate'] as const) {
            for (const side of SIDES) {
              const got = await listKpiRecords(store.db, practice, {
                kpi: id,
                side,
                ...MONTH,
                channel: group.key,
                now: NOW,
              });
              assert.equal(got.figure, group.kpis[id]![side], `${id} ${side} ${group.key}`);
            }
          }
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'pages in a stable order without overlap, and refuses what has no records',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
          const practice = await getPractice(store.db, 'default');
          const req = {
            kpi: 'session_completion_rate' as const,
            side: 'denominator' as const,
            ...MONTH,
          };
          const all = await listKpiRecords(store.db, practice, req);
          assert.equal(all.next_offset, null);
          assert.equal(all.records.length, all.total);
          const seen: string[] = [];
          let offset: number | null = 0;
          while (offset !== null) {
            const p = await listKpiRecords(store.db, practice, { ...req, limit: 7, offset });
            seen.push(...p.records.map((r) => String(r.appointment_id)));
            offset = p.next_offset;
          }
          assert.deepEqual(
            seen,
            all.records.map((r) => String(r.appointment_id)),
          );
          assert.equal(new Set(seen).size, all.total);
          // Closed sessions only: every listed record has a closed status, times are local.
          for (const r of all.records) {
            assert.ok(
              ['completed', 'no_show', 'cancelled', 'late_cancelled'].includes(String(r.status)),
            );
            assert.match(String(r.scheduled_start), /^2026-10-\d\dT\d\d:\d\d$/);
          }
          // Usage is not defined per service: refused with the reason, not guessed at.
          await assert.rejects(
            listKpiRecords(store.db, practice, {
              ...req,
              kpi: 'platform_usage_rate',
              filter: { service: 'talk_therapy' },
            }),
            (e: unknown) =>
              e instanceof AppError &&
              e.code === 'UNPROCESSABLE' &&
              (e.details as { code: string }).code === 'not_drillable',
          );
        } finally {
          await store.drop();
        }
      },
    );
  });
}
