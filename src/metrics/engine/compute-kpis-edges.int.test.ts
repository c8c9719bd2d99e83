import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import { getCatalog } from '../catalog/catalog.js';
import { GROUP_BY } from '../catalog/catalog.types.js';
import { makePeriod } from '../periods/period.js';
import {
  PID,
  activity,
  appointment,
  availability,
  client,
  insert,
  message,
  onEveryDialect,
  payment,
  slot,
  survey,
  therapist,
} from '../test-records.js';
import { collectParts } from './collect-parts.js';
import { computeKpis, groupingFor } from './compute-kpis.js';
import { TOTAL } from './grouping.js';
import { refreshRollups, rollupsForRead } from '../rollups/refresh-rollups.js';

const practice = (more: Partial<Practice> = {}): Practice => ({
  ...defaultPractice(PID),
  min_sample: 1,
  ...more,
});
const NY = practice({ timezone: 'America/New_York' });
const JAN = { from: '2026-01-01', to: '2026-01-31' };

onEveryDialect('period edges and time zones', {
  'New York March 2026: local month edges across DST, start included, end excluded': async (db) => {
    await insert(db, 'appointments', [
      appointment({ start: '2026-03-01T00:00:00-05:00' }), // first instant: in
      appointment({ start: '2026-02-28T23:59:59-05:00', status: 'no_show' }), // before: out
      appointment({ start: '2026-03-31T23:30:00-04:00' }), // 03:30Z April 1 UTC: in March
      appointment({ start: '2026-04-01T00:00:00-04:00', status: 'no_show' }), // end: out
      appointment({ start: '2026-03-08T03:30:00-04:00', status: 'no_show' }), // after the change
    ]);
    const r = await computeKpis(db, NY, {
      from: '2026-03-01',
      to: '2026-03-31',
      ids: ['session_completion_rate'],
    });
    assert.deepEqual(
      [r.kpis.session_completion_rate?.numerator, r.kpis.session_completion_rate?.denominator],
      [2, 3],
    );
    const byMonth = await computeKpis(db, NY, {
      from: '2026-02-01',
      to: '2026-04-30',
      by: 'month',
      ids: ['session_completion_rate'],
    });
    assert.deepEqual(
      byMonth.groups?.map((g) => [g.key, g.kpis.session_completion_rate?.denominator]),
      [
        ['2026-02', 1],
        ['2026-03', 3],
        ['2026-04', 1],
      ],
    );
    // The same rows read in UTC put the 23:30 session in April.
    const utc = await computeKpis(db, NY, {
      from: '2026-03-01',
      to: '2026-03-31',
      timezone: 'UTC',
      ids: ['session_completion_rate'],
    });
    assert.equal(utc.kpis.session_completion_rate?.numerator, 1);
  },
  'New York days, quarters and years: local edges, the 23-hour day of the DST change': async (
    db,
  ) => {
    await insert(db, 'appointments', [
      appointment({ start: '2026-03-08T00:00:00-05:00' }), // first instant of the short day
      appointment({ start: '2026-03-08T23:59:00-04:00', status: 'no_show' }), // its last minute
      appointment({ start: '2026-03-09T00:00:00-04:00' }), // the next day
      appointment({ start: '2026-03-31T23:59:59-04:00', status: 'no_show' }), // end of Q1
      appointment({ start: '2026-04-01T00:00:00-04:00' }), // first instant of Q2
      appointment({ start: '2026-12-31T23:30:00-05:00' }), // 04:30Z in 2027 UTC: still 2026
      appointment({ start: '2027-01-01T00:00:00-05:00', status: 'no_show' }),
    ]);
    const closed = async (from: string, to: string, by: 'day' | 'quarter' | 'year') => {
      const r = await computeKpis(db, NY, { from, to, by, ids: ['session_completion_rate'] });
      return r.groups
        ?.map((g) => [g.key, g.kpis.session_completion_rate?.denominator])
        .filter(([, n]) => n !== 0);
    };
    assert.deepEqual(await closed('2026-03-07', '2026-03-10', 'day'), [
      ['2026-03-08', 2],
      ['2026-03-09', 1],
    ]);
    assert.deepEqual(await closed('2026-01-01', '2026-06-30', 'quarter'), [
      ['2026-Q1', 4],
      ['2026-Q2', 1],
    ]);
    assert.deepEqual(await closed('2026-01-01', '2027-12-31', 'year'), [
      ['2026', 6],
      ['2027', 1],
    ]);
  },
  'therapist load counts local days across the DST change, own maximum, ids sorted': async (db) => {
    await insert(db, 'therapists', [
      therapist('t1', { max_sessions_per_day: 2 }),
      therapist('t0', { max_sessions_per_day: 1 }),
      therapist('t2'),
    ]);
    await insert(db, 'appointments', [
      appointment({ start: '2026-03-08T00:30:00-05:00' }),
      appointment({ start: '2026-03-08T23:30:00-04:00', status: 'booked' }),
      appointment({ start: '2026-03-09T09:00:00-04:00', status: 'no_show' }),
      appointment({ start: '2026-03-09T10:00:00-04:00' }),
      appointment({ start: '2026-03-09T11:00:00-04:00', status: 'cancelled' }),
      appointment({ start: '2026-03-10T09:00:00-04:00', therapist_id: 't0' }),
      appointment({ start: '2026-03-10T10:00:00-04:00', therapist_id: 't0' }),
      appointment({ start: '2026-03-10T10:00:00-04:00', therapist_id: 't2' }),
      appointment({ start: '2026-03-10T11:00:00-04:00', therapist_id: 't2' }),
      appointment({ start: '2026-03-10T12:00:00-04:00', therapist_id: 't2' }),
    ]);
    const r = await computeKpis(db, NY, {
      from: '2026-03-01',
      to: '2026-03-31',
      ids: ['therapist_load'],
    });
    const load = r.kpis.therapist_load!;
    assert.deepEqual([load.numerator, load.denominator, load.value], [1, 3, 33.333333]);
    const rows = (load.details?.per_therapist as { therapist_id: string; days_over: number }[]).map(
      (x) => [x.therapist_id, x.days_over],
    );
    assert.deepEqual(rows, [
      ['t0', 1],
      ['t1', 0],
      ['t2', 0],
    ]);
    assert.equal(load.details?.therapists_without_daily_maximum, 1);
  },
});

onEveryDialect('messages and platform usage', {
  'response time: first client message starts the clock; unanswered counted': async (db) => {
    await insert(db, 'messages', [
      message('k1', 'client', '2026-01-10T10:00:00Z'),
      message('k1', 'client', '2026-01-10T10:30:00Z'),
      message('k1', 'therapist', '2026-01-10T12:00:00Z'),
      message('k1', 'client', '2026-01-10T13:00:00Z'),
      message('k1', 'therapist', '2026-01-10T13:30:00Z'),
      message('k1', 'client', '2026-01-10T14:00:00Z'),
      message('k2', 'client', '2025-12-31T23:00:00Z'),
      message('k2', 'client', '2026-01-01T01:00:00Z'),
      message('k2', 'therapist', '2026-01-01T02:00:00Z'),
      message('k3', 'client', '2026-01-31T23:00:00+00:00'),
      message('k3', 'therapist', '2026-02-01T01:00:00+00:00'),
    ]);
    const r = await computeKpis(db, practice(), { ...JAN, ids: ['therapist_response_time'] });
    const k = r.kpis.therapist_response_time!;
    assert.deepEqual([k.value, k.numerator, k.denominator, k.n], [1.5, 4.5, 3, 3]);
    assert.deepEqual(k.details, { median_hours: 2, p90_hours: 2, answered: 3, unanswered: 1 });
  },
  'platform usage: registered users, clients and therapists apart, unknown users reported': async (
    db,
  ) => {
    await insert(db, 'clients', [
      client('c1', '2025-12-01T00:00:00Z'),
      client('c2', '2026-01-15T00:00:00Z'),
      client('c3', '2026-02-02T00:00:00Z'),
      client('c4', '2025-11-01T00:00:00Z', { discharged_at: Date.parse('2025-12-20T00:00:00Z') }),
      client('c5', '2025-11-01T00:00:00Z', { discharged_at: Date.parse('2026-01-10T00:00:00Z') }),
    ]);
    await insert(db, 'therapists', [
      therapist('t1'),
      therapist('t2', { active_to: Date.parse('2025-12-31T00:00:00Z') }),
      therapist('t3', { active_from: Date.parse('2026-02-01T00:00:00Z') }),
    ]);
    await insert(db, 'activity', [
      activity('client', 'c1', '2026-01-03T00:00:00Z'),
      activity('client', 'c1', '2026-01-04T00:00:00Z'),
      activity('client', 'c4', '2026-01-04T00:00:00Z'),
      activity('client', 'c2', '2026-02-01T00:00:00Z'),
      activity('therapist', 't1', '2026-01-05T00:00:00Z'),
      activity('client', 'zz', '2026-01-05T00:00:00Z'),
      activity('client', 'zz', '2026-01-06T00:00:00Z'),
      // December 31 in UTC, but 1 January 01:00 in Auckland (UTC+13).
      activity('client', 'c5', '2025-12-31T12:00:00Z'),
    ]);
    const r = await computeKpis(db, practice(), { ...JAN, ids: ['platform_usage_rate'] });
    const k = r.kpis.platform_usage_rate!;
    assert.deepEqual([k.value, k.numerator, k.denominator], [50, 2, 4]);
    assert.deepEqual(k.details, {
      clients: { value: 33.333333, active: 1, registered: 3 },
      therapists: { value: 100, active: 1, registered: 1 },
      together: { value: 50, active: 2, registered: 4 },
      unknown_activity_rows: 2,
    });
    // Read in another zone than the rollups' (presence rows built on the fly): January in
    // Auckland is [Dec 31 11:00, Jan 31 11:00) UTC. c5 (discharged Jan 10) is active now too;
    // registered are still c1, c2, c5 and t1 (t2 left at Dec 31 00:00, before the start).
    for (const rollups of [true, false]) {
      const z = await computeKpis(db, practice(), {
        ...JAN,
        timezone: 'Pacific/Auckland',
        ids: ['platform_usage_rate'],
        rollups,
      });
      assert.deepEqual(z.kpis.platform_usage_rate!.details, {
        clients: { value: 66.666667, active: 2, registered: 3 },
        therapists: { value: 100, active: 1, registered: 1 },
        together: { value: 75, active: 3, registered: 4 },
        unknown_activity_rows: 2,
      });
    }
    // Twelve months, March 2025 – February 2026: a bucket that long is counted user by user
    // (read-presence.ts). Registered at some instant of it: all five clients and t1, t2, t3.
    // Active in it: c1, c4 (its January activity, while registered over the year), c2, c5, t1.
    // Rebuilt now and current, so that the first read is served by the rollups.
    await refreshRollups(db, practice());
    assert.equal(await rollupsForRead(db, practice()), 'UTC');
    for (const rollups of [true, false]) {
      const year = await computeKpis(db, practice(), {
        from: '2025-03-01',
        to: '2026-02-28',
        ids: ['platform_usage_rate'],
        rollups,
      });
      assert.deepEqual(
        year.kpis.platform_usage_rate!.details,
        {
          clients: { value: 80, active: 4, registered: 5 },
          therapists: { value: 33.333333, active: 1, registered: 3 },
          together: { value: 62.5, active: 5, registered: 8 },
          unknown_activity_rows: 2,
        },
        `rollups ${rollups}`,
      );
    }
  },
});

/** A quarter of mixed records over two therapists, services and channels. */
async function mixedQuarter(db: Parameters<typeof insert>[0]) {
  await insert(db, 'therapists', [
    therapist('t1', { max_sessions_per_day: 1 }),
    therapist('t2', { max_sessions_per_day: 3 }),
  ]);
  await insert(db, 'clients', [
    client('c0', '2025-10-01T00:00:00Z', { acquisition_channel: 'search' }),
    client('c1', '2025-10-01T00:00:00Z', { acquisition_channel: 'referral' }),
  ]);
  const statuses = ['completed', 'completed', 'no_show', 'cancelled', 'late_cancelled', 'booked'];
  const appts = Array.from({ length: 90 }, (_, i) =>
    appointment({
      start: Date.parse('2026-01-01T09:00:00Z') + i * 86_400_000 + (i % 3) * 3_600_000,
      client_id: `c${i % 4}`,
      therapist_id: i % 2 ? 't1' : 't2',
      service: i % 5 ? 'talk' : null,
      status: statuses[i % 6]!,
      cancelled_by: i % 12 === 3 ? 'therapist' : null,
      duration_min: 50,
      requested_at: Date.parse('2025-12-20T00:00:00Z') + i * 86_400_000,
      booked_at: Date.parse('2025-12-21T00:00:00Z') + i * 86_400_000,
      slot_id: i % 7 === 0 ? `s${i}` : null,
    }),
  );
  await insert(db, 'appointments', [
    ...appts,
    appointment({ start: '2025-11-15T10:00:00Z', client_id: 'c0' }),
  ]);
  await insert(
    db,
    'slots',
    appts
      .filter((_, i) => i % 7 === 0)
      .map((a) =>
        slot(
          String(a.slot_id),
          String(a.therapist_id),
          new Date(Number(a.scheduled_start)).toISOString(),
        ),
      ),
  );
  await insert(db, 'availability', [
    availability('t1', '2026-01-31T20:00:00Z', '2026-02-01T04:00:00Z'),
    availability('t2', '2026-02-28T22:00:00Z', '2026-03-01T03:00:00Z'),
    availability('t2', '2026-03-10T08:00:00Z', '2026-03-10T16:00:00Z'),
  ]);
  await insert(db, 'surveys', [
    survey('c0', '2026-01-20T00:00:00Z', 4),
    survey('c1', '2026-02-20T00:00:00Z', 9, 10),
    survey('c2', '2026-03-20T00:00:00Z', 2),
  ]);
  await insert(db, 'payments', [
    payment('c0', '2026-01-20T00:00:00Z', 10_000, 'USD', String(appts[0]!.appointment_id)),
    payment('c1', '2026-02-20T00:00:00Z', 12_000),
    payment('c2', '2026-03-20T00:00:00Z', -2_000, 'EUR'),
  ]);
  await insert(db, 'messages', [
    message('k1', 'client', '2026-01-10T10:00:00Z'),
    message('k1', 'therapist', '2026-02-10T12:00:00Z'),
    message('k2', 'client', '2026-03-10T10:00:00Z', 't2'),
  ]);
}

/**
 * Parts that add up across groups (distinct-client sets and platform users do not, nor outcome
 * coverage, which counts an episode in every bucket holding one of its sessions).
 */
const additive = (sig: string) =>
  !/^(client_sets|platform_usage)\./.test(sig) &&
  !/^outcomes\.(eligible|covered|uncovered_)/.test(sig);

onEveryDialect('grouped parts add up to the ungrouped ones', {
  'by every calendar bucket, therapist, service and channel': async (db) => {
    await mixedQuarter(db);
    const p = practice();
    const period = makePeriod('2026-01-01', '2026-03-31', 'UTC');
    const entries = Object.values(getCatalog());
    const whole = await collectParts(db, p, entries, groupingFor(period), period);
    const total = whole.values.get(TOTAL)!;
    assert.ok((total.get('therapist_load.days_worked') ?? 0) > 0);
    for (const by of GROUP_BY) {
      const grouped = await collectParts(db, p, entries, groupingFor(period, by), period);
      for (const [sig, v] of total) {
        if (!additive(sig)) continue;
        const gTotal = grouped.values.get(TOTAL)?.get(sig) ?? 0;
        assert.ok(Math.abs(gTotal - v) < 1e-6, `${by} total ${sig}: ${gTotal} ≠ ${v}`);
        const unsplit = [...grouped.unsplittable].some(
          (s) => sig.includes(`"source":"${s}"`) || sig.startsWith(`${s}.`),
        );
        if (unsplit) continue;
        let sum = 0;
        for (const [key, parts] of grouped.values) if (key !== TOTAL) sum += parts.get(sig) ?? 0;
        assert.ok(Math.abs(sum - v) < 1e-6, `${by} groups ${sig}: ${sum} ≠ ${v}`);
      }
    }
    const byMonth = await computeKpis(db, p, { from: '2026-01-01', to: '2026-03-31', by: 'month' });
    assert.deepEqual(
      byMonth.groups?.map((g) => g.key),
      ['2026-01', '2026-02', '2026-03'],
    );
    const s = byMonth.groups!.map((g) => g.kpis.session_completion_rate!.denominator!);
    assert.equal(
      s.reduce((a, b) => a + b, 0),
      byMonth.kpis.session_completion_rate!.denominator,
    );
    const byTherapist = await computeKpis(db, p, {
      from: '2026-01-01',
      to: '2026-03-31',
      by: 'therapist',
    });
    assert.deepEqual(
      byTherapist.groups?.map((g) => g.key),
      // The payments naming no appointment go by their client's last session before (c1: t1,
      // c2: t2), so no "(none)" group appears.
      ['t1', 't2'],
    );
    assert.equal(
      byTherapist.groups?.[1]?.kpis.platform_usage_rate?.reason,
      'not defined per therapist',
    );
  },
});
