import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { GROUP_BY } from '../catalog/catalog.types.js';
import { PID, appointment, client, insert, onEveryDialect, survey } from '../test-records.js';
import { refreshRollups, rollupsForRead } from '../rollups/refresh-rollups.js';
import { computeKpis } from './compute-kpis.js';
import type { KpiResults } from './kpi-result.types.js';

const practice = (): Practice => ({ ...defaultPractice(PID), min_sample: 1 });
const JAN = { from: '2026-01-01', to: '2026-01-31' };

/**
 * January 2026 (UTC, active window 90 days), five clients:
 * - x (ads): Dec 1 with t1 / talk, Jan 10 with t2 / nf: in S under t1, in E under t2, retained;
 * - y (ads): Dec 15 with t1 / talk, discharged Jan 20: in S under t1, not in E;
 * - z (web): new, Jan 5 with t2 / nf, then Jan 12 with t1 / talk: N under t2, E under t1;
 * - w (ads): new, Jan 8 with t1 / talk: N and E under t1;
 * - v (no channel): Dec 3 with t1, discharged Dec 20: new in December, gone by its end.
 */
async function fiveClients(db: Db) {
  await insert(db, 'clients', [
    client('x', '2025-11-01T00:00:00Z', { acquisition_channel: 'ads' }),
    client('y', '2025-11-01T00:00:00Z', {
      acquisition_channel: 'ads',
      discharged_at: Date.parse('2026-01-20T00:00:00Z'),
    }),
    client('z', '2025-12-20T00:00:00Z', { acquisition_channel: 'web' }),
    client('w', '2025-12-20T00:00:00Z', { acquisition_channel: 'ads' }),
    client('v', '2025-11-01T00:00:00Z', { discharged_at: Date.parse('2025-12-20T00:00:00Z') }),
  ]);
  const s = (client_id: string, start: string, therapist_id: string, service: string) =>
    appointment({ start, client_id, therapist_id, service });
  await insert(db, 'appointments', [
    s('x', '2025-12-01T10:00:00Z', 't1', 'talk'),
    s('x', '2026-01-10T10:00:00Z', 't2', 'nf'),
    s('y', '2025-12-15T10:00:00Z', 't1', 'talk'),
    s('z', '2026-01-05T10:00:00Z', 't2', 'nf'),
    s('z', '2026-01-12T10:00:00Z', 't1', 'talk'),
    s('w', '2026-01-08T10:00:00Z', 't1', 'talk'),
    s('v', '2025-12-03T10:00:00Z', 't1', 'talk'),
  ]);
  // One csat answer long before, so that surveys are a loaded source (kpi-spec "No source is
  // not zero") and survey response shows its served denominator.
  await insert(db, 'surveys', [survey('v', '2025-12-05T10:00:00Z', 5)]);
}

const figures = (k: KpiResults) => ({
  retention: [k.client_retention_rate?.numerator, k.client_retention_rate?.denominator],
  cohort: [k.cohort_retention_rate?.numerator, k.cohort_retention_rate?.denominator],
  acquisition: [
    k.new_client_acquisition_rate?.numerator,
    k.new_client_acquisition_rate?.denominator,
  ],
  served: k.survey_response_rate?.denominator,
});

onEveryDialect('client-set KPIs per group (kpi-spec, "Client-set KPIs per group")', {
  'the whole period of every grouping is the ungrouped report, rollups on and off': async (db) => {
    await fiveClients(db);
    for (const rollups of [true, false]) {
      const whole = await computeKpis(db, practice(), { ...JAN, rollups });
      // S = {x, y}, E = {x, z, w}, N = {z, w}: (3 − 2) / 2; retained {x}; served x, z, w.
      assert.deepEqual(figures(whole.kpis), {
        retention: [1, 2],
        cohort: [1, 2],
        acquisition: [2, 2],
        served: 3,
      });
      for (const by of GROUP_BY) {
        const grouped = await computeKpis(db, practice(), { ...JAN, by, rollups });
        assert.deepEqual(grouped.kpis, whole.kpis, `by ${by}, rollups ${rollups}`);
      }
    }
  },
  'by therapist: S and E by the last session before, N by the first; (E − N) / S not defined':
    async (db) => {
      await fiveClients(db);
      const r = await computeKpis(db, practice(), { ...JAN, by: 'therapist' });
      const g = Object.fromEntries(r.groups!.map((x) => [x.key, x.kpis]));
      assert.deepEqual(Object.keys(g), ['t1', 't2']);
      // t1: S = {x, y}, retained {x}, N = {w}, served z (Jan 12) and w.
      assert.deepEqual(figures(g.t1!), {
        retention: [null, null],
        cohort: [1, 2],
        acquisition: [1, 2],
        served: 2,
      });
      // t2: nobody at the start, N = {z}, served x and z.
      assert.deepEqual(figures(g.t2!), {
        retention: [null, null],
        cohort: [0, 0],
        acquisition: [1, 0],
        served: 2,
      });
      for (const kpis of [g.t1!, g.t2!]) {
        const ret = kpis.client_retention_rate!;
        assert.deepEqual(
          [ret.value, ret.status, ret.reason],
          [null, 'no_data', 'not defined per therapist'],
        );
      }
      assert.equal(g.t1!.cohort_retention_rate!.value, 50);
      const byService = await computeKpis(db, practice(), { ...JAN, by: 'service' });
      for (const grp of byService.groups!) {
        assert.equal(grp.kpis.client_retention_rate!.reason, 'not defined per service');
      }
      const one = await computeKpis(db, practice(), { ...JAN, filter: { therapist: 't1' } });
      assert.equal(one.kpis.client_retention_rate!.reason, 'not defined for one therapist');
      assert.deepEqual(figures(one.kpis).cohort, [1, 2]);
    },
  'by channel: the (E − N) / S retention is defined, restricted to the channel': async (db) => {
    await fiveClients(db);
    const r = await computeKpis(db, practice(), { ...JAN, by: 'channel' });
    const g = Object.fromEntries(r.groups!.map((x) => [x.key, x.kpis]));
    // ads: S = {x, y}, E = {x, w}, N = {w}: (2 − 1) / 2 = 50 %.
    assert.deepEqual(figures(g.ads!).retention, [1, 2]);
    assert.equal(g.ads!.client_retention_rate!.value, 50);
    // web: S = {}, E = N = {z}: no figure, and no numerator shown over a zero denominator.
    assert.deepEqual(figures(g.web!).retention, [null, 0]);
    assert.equal(
      g.web!.client_retention_rate!.reason,
      'no active clients at the start of the period',
    );
  },
  'by month: a month with nobody at its start shows no numerator, not E − N < 0': async (db) => {
    await fiveClients(db);
    for (const rollups of [true, false]) {
      const r = await computeKpis(db, practice(), {
        from: '2025-12-01',
        to: '2026-01-31',
        by: 'month',
        rollups,
      });
      const [dec, jan] = r.groups!.map((x) => x.kpis.client_retention_rate!);
      // December: S = {}, N = {x, y, v}, E = {x, y} (v discharged): E − N = −1 over 0.
      assert.deepEqual([dec!.numerator, dec!.denominator, dec!.value], [null, 0, null]);
      assert.deepEqual(dec!.details, { active_start: 0, active_end: 2, new_clients: 3 });
      // January as computed alone.
      assert.deepEqual([jan!.numerator, jan!.denominator, jan!.value], [1, 2, 50]);
      assert.equal(r.kpis.client_retention_rate!.numerator, null);
    }
  },
  'two sessions at one instant: each dimension takes its smallest key, rollups as records': async (
    db,
  ) => {
    await fiveClients(db);
    await insert(db, 'clients', [
      client('q', '2025-11-01T00:00:00Z', { acquisition_channel: 'web' }),
    ]);
    const s = (id: string, start: string, therapist_id: string, service: string) =>
      appointment({ appointment_id: id, start, client_id: 'q', therapist_id, service });
    await insert(db, 'appointments', [
      s('q1', '2025-12-01T10:00:00Z', 't2', 'talk'),
      // The same instant: t1 is the smaller therapist, nf the smaller service, in other rows.
      s('q2', '2026-01-10T10:00:00Z', 't2', 'nf'),
      s('q3', '2026-01-10T10:00:00Z', 't1', 'talk'),
    ]);
    // Built now, so that the reads below use them (a read right after a rebuild would not).
    await refreshRollups(db, practice());
    assert.equal(await rollupsForRead(db, practice()), 'UTC');
    const cases = [
      { ...JAN, by: 'therapist' as const },
      { ...JAN, by: 'service' as const },
      { ...JAN, by: 'channel' as const, filter: { service: 'nf' } },
      { from: '2025-12-01', to: '2026-02-28', by: 'month' as const, filter: { therapist: 't1' } },
      { from: '2026-01-11', to: '2026-02-28', by: 'therapist' as const },
    ];
    for (const c of cases) {
      const rolled = await computeKpis(db, practice(), c);
      const raw = await computeKpis(db, practice(), { ...c, rollups: false });
      assert.deepEqual(rolled, raw, JSON.stringify(c));
    }
    // On Jan 11 q's last session is the tie of Jan 10, so q starts under t1: S = {y, w, q}
    // under t1 and {x, z} under t2 (x last saw t2 on Jan 10, z on Jan 5).
    const later = await computeKpis(db, practice(), {
      from: '2026-01-11',
      to: '2026-02-28',
      by: 'therapist',
    });
    const g = Object.fromEntries(later.groups!.map((x) => [x.key, x.kpis]));
    assert.equal(g.t1!.cohort_retention_rate!.denominator, 3);
    assert.equal(g.t2!.cohort_retention_rate!.denominator, 2);
  },
});
