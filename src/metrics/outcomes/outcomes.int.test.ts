import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { computeKpis, type ComputeOptions } from '../engine/compute-kpis.js';
import type { KpiReport } from '../engine/kpi-result.types.js';
import { OUTCOME_KPI_IDS } from '../kpi-meta/outcome-kpi-ids.js';
import { refreshRollups } from '../rollups/refresh-rollups.js';
import { PID, insert, onEveryDialect, survey } from '../test-records.js';
import { at, elevenClients, phq, sessions } from './outcome-fixtures.js';

const practice = (more: Partial<Practice> = {}): Practice => ({
  ...defaultPractice(PID),
  min_sample: 1,
  ...more,
});
const Q1: ComputeOptions = { from: '2026-01-01', to: '2026-03-31', ids: OUTCOME_KPI_IDS };

/** The report from the rollups (refreshed first) and from the records: they must agree. */
async function report(db: Db, opts: ComputeOptions, p = practice()): Promise<KpiReport> {
  await refreshRollups(db, p);
  const rolled = await computeKpis(db, p, opts);
  assert.deepEqual(rolled, await computeKpis(db, p, { ...opts, rollups: false }));
  return rolled;
}

const figure = (r: KpiReport['kpis'][keyof KpiReport['kpis']]) => [
  r?.numerator,
  r?.denominator,
  r?.value,
  r?.status,
];

onEveryDialect('outcome KPIs', {
  'eleven clients, one edge each: the whole of Q1': async (db) => {
    await elevenClients(db);
    const k = (await report(db, Q1)).kpis;
    // With an outcome: A B C F G H L = 7; improved A B C F G = 5 → 5 / 7 = 71.428571 %.
    assert.deepEqual(figure(k.reliable_improvement_rate), [5, 7, 71.428571, 'ok']);
    // Deteriorated: H → 1 / 7 = 14.285714 %.
    assert.deepEqual(figure(k.reliable_deterioration_rate), [1, 7, 14.285714, 'ok']);
    // At caseness at baseline: A B C F G L = 6 (H's GAD-7 5 < 8); recovered B F G → 3 / 6.
    assert.deepEqual(figure(k.recovery_rate), [3, 6, 50, 'ok']);
    // Recovered and improved: B F G → 3 / 6.
    assert.deepEqual(figure(k.reliable_recovery_rate), [3, 6, 50, 'ok']);
    // PHQ-9 ≥ 10 at baseline: A C F G L = 5; latest ≤ half: C (10 of 20), F (5 of 12), G → 3 / 5.
    assert.deepEqual(figure(k.phq9_response_rate), [3, 5, 60, 'ok']);
    // Latest < 5: G only (F's 5 is not remission) → 1 / 5.
    assert.deepEqual(figure(k.phq9_remission_rate), [1, 5, 20, 'ok']);
    // Eligible: A B C D E F G H I(January episode) J L = 11 (K has one session); covered 7.
    const cov = k.outcome_coverage_rate!;
    assert.deepEqual(figure(cov), [7, 11, 63.636364, 'ok']);
    assert.equal(cov.band, 'below_typical'); // our aim is 90 %
    // Wilson 95 % interval of 5 / 7: centre (5 + 1.92) / 8.84, half-width 1.96 × √(5·2/7 + 0.96)
    // / 8.84 → 35.9 % to 91.8 %.
    const ci = k.reliable_improvement_rate!.ci!;
    assert.ok(Math.abs(ci[0] - 35.9) < 0.1 && Math.abs(ci[1] - 91.8) < 0.1, String(ci));
    // NHS band: 71.4 % ≥ the 69 % aim.
    assert.equal(k.reliable_improvement_rate!.band, 'above_average');
  },

  'by therapist: groups of 1–4 episodes are suppressed, the whole is unchanged': async (db) => {
    await elevenClients(db);
    const r = await report(db, { ...Q1, by: 'therapist' });
    const whole = (await report(db, Q1)).kpis;
    assert.deepEqual(r.kpis, whole);
    const g = (key: string) => r.groups!.find((x) => x.key === key)!.kpis;
    // t1 (by the last session before the latest score): A B F L = 4 → suppressed.
    const t1 = g('t1').reliable_improvement_rate!;
    assert.deepEqual(figure(t1), [null, null, null, 'suppressed']);
    assert.equal(t1.reason, 'fewer than 5 episodes');
    assert.equal(t1.ci, null);
    // t2: C G H = 3 → suppressed.
    assert.equal(g('t2').reliable_improvement_rate!.status, 'suppressed');
    // Coverage by the last session in the period: t1 A B E F I J L = 7, covered A B F L = 4.
    assert.deepEqual(figure(g('t1').outcome_coverage_rate), [4, 7, 57.142857, 'ok']);
    // t2: C D G H = 4 → suppressed.
    assert.equal(g('t2').outcome_coverage_rate!.status, 'suppressed');
    // The filter gives the group's figures.
    const f = await report(db, { ...Q1, filter: { therapist: 't1' } });
    assert.deepEqual(f.kpis, g('t1'));
  },

  'by service and by channel: every episode once, the whole unchanged': async (db) => {
    await elevenClients(db);
    const whole = (await report(db, Q1)).kpis;
    for (const by of ['service', 'channel'] as const) {
      const r = await report(db, { ...Q1, by });
      assert.deepEqual(r.kpis, whole, by);
      // No service and no channel recorded: one "(none)" group holding every episode.
      assert.deepEqual(
        r.groups!.map((g) => g.key),
        ['(none)'],
      );
      assert.deepEqual(r.groups![0]!.kpis, whole, by);
    }
  },

  'by month: each episode in the month of its latest score': async (db) => {
    await elevenClients(db);
    const r = await report(db, { ...Q1, by: 'month' });
    const m = (key: string) => r.groups!.find((x) => x.key === key)!.kpis;
    // January: A (26th) F (21st) G (15th) = 3; February: B H L = 3; March: C = 1: all suppressed.
    for (const key of ['2026-01', '2026-02', '2026-03']) {
      assert.equal(m(key).reliable_improvement_rate!.status, 'suppressed', key);
    }
    // Coverage by month of the sessions: January A E F G I = 5, covered A F G = 3.
    assert.deepEqual(figure(m('2026-01').outcome_coverage_rate), [3, 5, 60, 'ok']);
    // February: B H J L = 4 → suppressed; March: C D = 2 → suppressed.
    assert.equal(m('2026-02').outcome_coverage_rate!.status, 'suppressed');
    assert.equal(m('2026-03').outcome_coverage_rate!.status, 'suppressed');
  },

  'zero denominators and no source': async (db) => {
    // Only csat surveys: the outcome KPIs have no source at all.
    await insert(db, 'appointments', sessions('A', 't1', ['2026-01-05', '2026-01-12']));
    await insert(db, 'surveys', [survey('A', at('2026-01-05'), 4)]);
    const none = (await report(db, Q1)).kpis;
    for (const id of OUTCOME_KPI_IDS) assert.equal(none[id]!.status, 'no_source', id);
    // A PHQ-9 score elsewhere in time: the source exists, Q1 has no episode with an outcome.
    await insert(db, 'surveys', [phq('A', '2026-01-05', 12)]);
    const k = (await report(db, Q1)).kpis;
    assert.deepEqual(figure(k.reliable_improvement_rate), [0, 0, null, 'no_data']);
    assert.match(k.reliable_improvement_rate!.reason!, /no episodes with an outcome/);
    assert.deepEqual(figure(k.phq9_remission_rate), [0, 0, null, 'no_data']);
    // One eligible episode without an outcome: 0 / 1 → suppressed, not 0 %.
    assert.equal(k.outcome_coverage_rate!.status, 'suppressed');
  },

  'period by the latest score across a month edge in New York': async (db) => {
    // Five clients, PHQ-9 16 on Jan 12 → 6 at 2026-02-01T03:00Z (Jan 31, 22:00 in New York).
    for (const cid of ['n1', 'n2', 'n3', 'n4', 'n5']) {
      await insert(db, 'appointments', sessions(cid, 't1', ['2026-01-12', '2026-01-26']));
      await insert(db, 'surveys', [
        phq(cid, '2026-01-12', 16),
        survey(cid, '2026-02-01T03:00:00Z', 6, 27, 'phq9'),
      ]);
    }
    const opts = { ...Q1, by: 'month' as const };
    const ny = await report(db, opts, practice({ timezone: 'America/New_York' }));
    const month = (r: KpiReport, key: string) =>
      r.groups!.find((x) => x.key === key)!.kpis.reliable_improvement_rate;
    // New York: all five in January (5 / 5 improved: −10 ≥ 6), none in February.
    assert.deepEqual(figure(month(ny, '2026-01')), [5, 5, 100, 'ok']);
    assert.deepEqual(figure(month(ny, '2026-02')), [0, 0, null, 'no_data']);
    // UTC: the same scores fall in February.
    const utc = await report(db, opts);
    assert.deepEqual(figure(month(utc, '2026-01')), [0, 0, null, 'no_data']);
    assert.deepEqual(figure(month(utc, '2026-02')), [5, 5, 100, 'ok']);
  },
});
