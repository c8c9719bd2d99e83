import assert from 'node:assert/strict';
import { defaultPractice, type Practice, type Profile } from '../../model/practice.js';
import { KPI_IDS } from '../kpi-meta/kpi-meta.types.js';
import { PID, appointment, client, insert, onEveryDialect, survey } from '../test-records.js';
import { computeKpis } from './compute-kpis.js';
import { KPI_SOURCE } from './source-presence.js';

const practice = (profile: Profile = 'online_platform'): Practice => ({
  ...defaultPractice(PID),
  profile,
  min_sample: 1,
});
const JAN = { from: '2026-01-01', to: '2026-01-31' };
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

const SURVEY_KPIS = [
  'client_satisfaction_score',
  'client_satisfaction_rate',
  'survey_response_rate',
] as const;

/** Clients c1..c10, each seen on 15 Dec 2025 and on the 10th of January, February and March. */
async function tenSteadyClients(db: Parameters<typeof insert>[0]) {
  const ids = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
  await insert(
    db,
    'clients',
    ids.map((id) => client(id, '2025-11-01T00:00:00Z')),
  );
  await insert(
    db,
    'appointments',
    ids.flatMap((id) =>
      ['2025-12-15', '2026-01-10', '2026-02-10', '2026-03-10'].map((d) =>
        appointment({ client_id: id, start: `${d}T10:00:00Z`, duration_min: 50 }),
      ),
    ),
  );
}

onEveryDialect('no source is not zero', {
  'appointments only: every KPI of an unloaded entity is no_source, in groups too; one csat survey lifts the survey KPIs':
    async (db) => {
      await tenSteadyClients(db);
      const before = await computeKpis(db, practice(), { ...JAN, by: 'week' });
      const absent = KPI_IDS.filter((id) => KPI_SOURCE[id]);
      // 9 operations KPIs and the 7 outcome KPIs (no PHQ-9 / GAD-7 score at all).
      assert.equal(absent.length, 16);
      for (const id of absent) {
        for (const kpis of [before.kpis, before.groups![0]!.kpis]) {
          const k = kpis[id]!;
          assert.deepEqual(
            [k.status, k.value, k.band, k.numerator, k.denominator, k.n],
            ['no_source', null, null, null, null, 0],
            id,
          );
        }
      }
      assert.equal(before.kpis.platform_usage_rate?.reason, 'no activity events have been loaded');
      assert.equal(
        before.kpis.survey_response_rate?.reason,
        'no satisfaction (csat) surveys have been loaded',
      );
      assert.equal(before.kpis.avg_revenue_per_client?.currency, 'USD');
      // KPIs of appointments and clients are measured as before: 10 sessions of 10 completed
      assert.equal(before.kpis.session_completion_rate?.status, 'ok');
      assert.equal(before.kpis.session_completion_rate?.value, 100);

      // A PHQ-9 score is a survey but not a satisfaction survey: still no source.
      await insert(db, 'surveys', [survey('c1', '2025-06-01T09:00:00Z', 12, 27, 'phq9')]);
      const phq = await computeKpis(db, practice(), JAN);
      for (const id of SURVEY_KPIS) assert.equal(phq.kpis[id]?.status, 'no_source', id);
      // ... and it is the outcome KPIs' source: measured, January has no episode with an outcome
      // (ten clients with one session in it, of a spell with four sessions and no score in it).
      assert.equal(phq.kpis.reliable_improvement_rate?.status, 'no_data');
      assert.equal(
        before.kpis.reliable_improvement_rate?.reason,
        'no PHQ-9 or GAD-7 scores have been loaded',
      );

      // One csat answer, outside the period: the source exists, January simply has no answer.
      await insert(db, 'surveys', [survey('c1', '2025-06-01T10:00:00Z', 5)]);
      const after = await computeKpis(db, practice(), JAN);
      const resp = after.kpis.survey_response_rate!;
      // 10 clients served in January, none answered: a measured 0 %
      assert.deepEqual(
        [resp.status, resp.value, resp.numerator, resp.denominator],
        ['ok', 0, 0, 10],
      );
      assert.equal(after.kpis.client_satisfaction_rate?.status, 'no_data');
      assert.equal(
        after.kpis.client_satisfaction_rate?.reason,
        'no satisfaction (csat) survey answers in period',
      );
      assert.equal(after.kpis.platform_usage_rate?.status, 'no_source');
    },
});

onEveryDialect('benchmarks have a period length', {
  'retention: a monthly band holds for each month of Q1, not for Q1 itself': async (db) => {
    await tenSteadyClients(db);
    const r = await computeKpis(db, practice('online_platform'), { ...Q1, by: 'month' });
    // S = 10, N = 0, E = 10: (10 − 0) / 10 = 100 %, above the 70 % of seed 000
    for (const id of ['client_retention_rate', 'cohort_retention_rate'] as const) {
      const q = r.kpis[id]!;
      assert.deepEqual(
        [q.value, q.status, q.band, q.bandNote],
        [100, 'ok', null, 'benchmark stated per month'],
      );
      for (const g of r.groups!) {
        const m = g.kpis[id]!;
        assert.deepEqual(
          [g.key, m.value, m.band, m.bandNote],
          [g.key, 100, 'above_average', undefined],
        );
      }
    }
    // Event rates carry their band for any period length: completion 100 % > 90 % of seed 000
    assert.equal(r.kpis.session_completion_rate?.band, 'above_average');
    assert.equal(r.kpis.session_completion_rate?.bandNote, undefined);
  },
  'retention: a quarterly band (seed 001) holds for Q1, not for one of its months': async (db) => {
    await tenSteadyClients(db);
    const q = await computeKpis(db, practice('remote_consultation'), Q1);
    const k = q.kpis.client_retention_rate!;
    assert.deepEqual([k.value, k.band, k.bandNote], [100, 'exceptional', undefined]);
    const m = await computeKpis(db, practice('remote_consultation'), JAN);
    const j = m.kpis.client_retention_rate!;
    assert.deepEqual([j.value, j.band, j.bandNote], [100, null, 'benchmark stated per quarter']);
    // acquisition: quarter for seed 001 as well; no band, no note for a profile without bands
    assert.equal(m.kpis.new_client_acquisition_rate?.bandNote, 'benchmark stated per quarter');
    const none = await computeKpis(db, practice('online_platform'), JAN);
    assert.equal(none.kpis.new_client_acquisition_rate?.bandNote, undefined);
  },
});
