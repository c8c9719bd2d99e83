import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiReport } from '../../metrics/engine/kpi-result.types.js';
import { KPI_SOURCE } from '../../metrics/engine/source-presence.js';
import { KPI_IDS } from '../../metrics/kpi-meta/index.js';
import { runCli } from '../../cli/run-cli.js';
import { ZPractice } from '../../model/practice.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { fixture, scratchReport } from '../../store/import-test-helpers.js';
import { savePractice } from '../../store/practice.repository.js';
import type { AppointmentsTable } from '../../store/tables.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string }[] } };
}

const appointment = (id: string, day: number, status: string): AppointmentsTable => ({
  practice_id: 'p',
  appointment_id: id,
  client_id: `c${id}`,
  therapist_id: 't1',
  scheduled_start: Date.UTC(2026, 0, day, 14),
  status,
  source_status: status,
  service: 'talk',
  requested_at: null,
  booked_at: null,
  scheduled_end: Date.UTC(2026, 0, day, 15),
  duration_min: 60,
  cancelled_at: null,
  cancelled_by: null,
  actual_duration_min: status === 'completed' ? 50 : null,
  slot_id: null,
  price_minor: null,
  currency: null,
});

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/kpis on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'answers every KPI id with status no_data (no_source for unloaded entities) on an empty store',
      { skip },
      () =>
        withTestApp(dialect, async ({ get }) => {
          const r = await get('/api/v1/kpis?from=2026-01-01&to=2026-01-31');
          assert.equal(r.status, 200);
          const doc = r.body as KpiReport;
          assert.deepEqual(doc.period, { from: '2026-01-01', to: '2026-01-31', timezone: 'UTC' });
          assert.equal(doc.profile, 'online_platform');
          assert.deepEqual(Object.keys(doc.kpis), [...KPI_IDS]);
          for (const id of KPI_IDS) {
            assert.equal(doc.kpis[id]?.status, KPI_SOURCE[id] ? 'no_source' : 'no_data', id);
            assert.equal(doc.kpis[id]?.value, null, id);
          }
          assert.equal(doc.groups, undefined);
        }),
    );

    it('answers exactly what `rapport kpi --json` prints for the same choices', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        await savePractice(
          store.db,
          ZPractice.parse({ practice_id: 'p', timezone: 'Europe/Berlin', min_sample: 2 }),
        );
        await store.db
          .insertInto('appointments')
          .values([
            appointment('1', 5, 'completed'),
            appointment('2', 6, 'completed'),
            appointment('3', 7, 'no_show'),
            appointment('4', 20, 'completed'),
          ])
          .execute();
        const args = { from: '2026-01-01', to: '2026-01-31', by: 'week', profile: 'neurofeedback' };
        const cli = await runCli([
          'kpi',
          '--json',
          '--db',
          store.url,
          '--practice',
          'p',
          ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]),
        ]);
        assert.equal(cli.code, 0, cli.err);
        const r = await get(`/api/v1/kpis?practice=p&${new URLSearchParams(args)}`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, JSON.parse(cli.out));
        const doc = r.body as KpiReport;
        assert.equal(doc.profile, 'neurofeedback');
        assert.equal(doc.period.timezone, 'Europe/Berlin');
        assert.ok((doc.groups?.length ?? 0) >= 4);
        const completion = doc.kpis.session_completion_rate!;
        assert.deepEqual([completion.numerator, completion.denominator], [3, 4]);

        const some = await get(
          `/api/v1/kpis?practice=p&${new URLSearchParams(args)}&ids=avg_session_duration,session_completion_rate`,
        );
        const subset = some.body as KpiReport;
        assert.deepEqual(Object.keys(subset.kpis), [
          'avg_session_duration',
          'session_completion_rate',
        ]);
        assert.deepEqual(subset.kpis.session_completion_rate, completion);
        assert.deepEqual(
          subset.groups?.[0]?.kpis.avg_session_duration,
          doc.groups?.[0]?.kpis.avg_session_duration,
        );

        const quarters = await get(
          '/api/v1/kpis?practice=p&from=2026-01-01&to=2026-06-30&by=quarter',
        );
        const q = quarters.body as KpiReport;
        assert.deepEqual(
          q.groups?.map((g) => [g.key, g.kpis.session_completion_rate?.denominator]),
          [
            ['2026-Q1', 4],
            ['2026-Q2', 0],
          ],
        );
      }),
    );

    it('filters by service and therapist: the figures of that group of by=', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        await savePractice(store.db, ZPractice.parse({ practice_id: 'p', min_sample: 1 }));
        const a = (
          id: string,
          day: number,
          status: string,
          therapist: string,
          service: string,
        ) => ({
          ...appointment(id, day, status),
          therapist_id: therapist,
          service,
        });
        // t1/talk: 2 completed (50 min each), 1 no-show; t2/talk: 1 completed;
        // t2/nf: 1 completed, 1 late cancellation by the client.
        await store.db
          .insertInto('appointments')
          .values([
            a('1', 5, 'completed', 't1', 'talk'),
            a('2', 6, 'completed', 't1', 'talk'),
            a('3', 7, 'no_show', 't1', 'talk'),
            a('4', 8, 'completed', 't2', 'talk'),
            a('5', 9, 'completed', 't2', 'nf'),
            a('6', 10, 'late_cancelled', 't2', 'nf'),
          ])
          .execute();
        await store.db
          .insertInto('availability')
          .values([
            {
              practice_id: 'p',
              therapist_id: 't1',
              start_at: Date.UTC(2026, 0, 5, 9),
              end_at: Date.UTC(2026, 0, 5, 13),
            },
            {
              practice_id: 'p',
              therapist_id: 't2',
              start_at: Date.UTC(2026, 0, 8, 9),
              end_at: Date.UTC(2026, 0, 8, 19),
            },
          ])
          .execute();
        const base = 'practice=p&from=2026-01-01&to=2026-01-31';
        const ids =
          'ids=session_completion_rate,no_show_cancellation_rate,therapist_utilization_rate,platform_usage_rate';
        const kpis = async (q: string) => {
          const r = await get(`/api/v1/kpis?${base}&${ids}&${q}`);
          assert.equal(r.status, 200, q);
          return r.body as KpiReport;
        };
        const figures = (k: KpiReport['kpis'][keyof KpiReport['kpis']]) => [
          k?.numerator,
          k?.denominator,
        ];

        const t1 = (await kpis('therapist=t1')).kpis;
        assert.deepEqual(figures(t1.session_completion_rate), [2, 3]);
        assert.deepEqual(figures(t1.no_show_cancellation_rate), [1, 3]);
        // 100 completed minutes of 4 available hours
        assert.deepEqual(figures(t1.therapist_utilization_rate), [1.666667, 4]);
        assert.equal(t1.therapist_utilization_rate?.value, 41.666667);
        assert.equal(t1.platform_usage_rate?.value, null);
        assert.match(t1.platform_usage_rate?.reason ?? '', /not defined for one therapist/);
        const byTherapist = await kpis('by=therapist');
        for (const key of ['t1', 't2']) {
          const group = byTherapist.groups?.find((g) => g.key === key)?.kpis;
          const filtered = (await kpis(`therapist=${key}`)).kpis;
          for (const id of ['session_completion_rate', 'no_show_cancellation_rate'] as const) {
            assert.deepEqual(filtered[id], group?.[id], `${key} ${id}`);
          }
        }

        const nf = (await kpis('service=nf')).kpis;
        assert.deepEqual(figures(nf.session_completion_rate), [1, 2]);
        assert.deepEqual(figures(nf.no_show_cancellation_rate), [1, 2]);
        assert.match(nf.therapist_utilization_rate?.reason ?? '', /not defined for one service/);
        const byService = await kpis('by=service');
        const talkGroup = byService.groups?.find((g) => g.key === 'talk')?.kpis;
        const talk = (await kpis('service=talk')).kpis;
        assert.deepEqual(figures(talk.session_completion_rate), [3, 4]);
        assert.deepEqual(talk.session_completion_rate, talkGroup?.session_completion_rate);

        const both = (await kpis('service=talk&therapist=t2')).kpis;
        assert.deepEqual(figures(both.session_completion_rate), [1, 1]);
        const none = (await kpis('service=talk&therapist=t9')).kpis;
        assert.equal(none.session_completion_rate?.value, null);
      }),
    );

    it('rejects bad periods with 400 BAD_INPUT naming the parameter', { skip }, () =>
      withTestApp(dialect, async ({ get }) => {
        const cases: [string, string, RegExp][] = [
          ['from=2026-13-01&to=2026-12-31', 'from', /^from: /],
          ['from=2026-02-30&to=2026-03-31', 'from', /from: is not a calendar date/],
          ['from=01/02/2026&to=2026-03-31', 'from', /from: must be a date YYYY-MM-DD/],
          ['to=2026-03-31', 'from', /^from: /],
          ['from=2026-03-01&to=2026-02-28', 'to', /to: is before from/],
          ['from=2016-01-01&to=2026-01-01', 'to', /at most 10 years/],
          ['from=2024-01-01&to=2026-01-01&by=day', 'to', /with by=day .* at most 2 years/],
          ['from=2026-01-01&to=2026-01-31&by=fortnight', 'by', /^by: /],
          ['from=2026-01-01&to=2026-01-31&profile=spa', 'profile', /^profile: /],
          ['from=2026-01-01&to=2026-01-31&ids=rematch_rate,nps', 'ids', /unknown KPI id "nps"/],
          ['from=2026-01-01&to=2026-01-31&ids=,', 'ids', /names no KPI id/],
          ['from=2026-01-01&to=2026-01-31&service=', 'service', /^service: /],
          ['from=2026-01-01&to=2026-01-31&therapist=%20', 'therapist', /^therapist: /],
        ];
        for (const [query, param, message] of cases) {
          const r = await get(`/api/v1/kpis?${query}`);
          assert.equal(r.status, 400, query);
          const { error } = r.body as ErrorBody;
          assert.equal(error.code, 'BAD_INPUT', query);
          assert.match(error.message, message, query);
          assert.ok(
            error.details?.issues?.some((i) => i.path === param),
            `${query}: details name ${param}`,
          );
        }
        const tenYears = await get('/api/v1/kpis?from=2016-01-01&to=2025-12-31&ids=rematch_rate');
        assert.equal(tenYears.status, 200);
      }),
    );
  });
}

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/kpis answers from its cache only while the data is unchanged, on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;
    it('an import between two identical requests changes the answer', { skip }, async () => {
      await withTestApp(dialect, async ({ store, get }) => {
        const path = '/api/v1/kpis?from=2025-04-01&to=2025-04-30&ids=session_completion_rate';
        const before = (await get(path)).body as KpiReport;
        assert.equal(before.kpis.session_completion_rate?.n, 0);
        assert.deepEqual((await get(path)).body, before);
        await importCanonicalFolder(store, fixture('good'), { reportPath: scratchReport() });
        const after = (await get(path)).body as KpiReport;
        assert.ok((after.kpis.session_completion_rate?.n ?? 0) > 0);
        assert.notEqual(after.period.timezone, before.period.timezone); // practice.json's zone
      });
    });
  });
}
