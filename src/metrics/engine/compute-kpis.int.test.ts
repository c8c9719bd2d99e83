import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { KpiId } from '../kpi-meta/kpi-meta.types.js';
import {
  PID,
  appointment,
  availability,
  client,
  insert,
  onEveryDialect,
  payment,
  plus,
  slot,
  survey,
} from '../test-records.js';
import { computeKpis, type ComputeOptions } from './compute-kpis.js';
import { KPI_SOURCE } from './source-presence.js';

const practice = (more: Partial<Practice> = {}): Practice => ({
  ...defaultPractice(PID),
  min_sample: 1,
  ...more,
});
const JAN = { from: '2026-01-01', to: '2026-01-31' };
const day = (d: number, h = 10) =>
  `2026-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;

async function kpi(db: Db, id: KpiId, opts: ComputeOptions = JAN, p = practice()) {
  const r = await computeKpis(db, p, { ...opts, ids: [id] });
  return r.kpis[id]!;
}

onEveryDialect('worked examples of kpi-spec.md', {
  'session completion 85 of 100 closed; booked left out; client vs therapist cancellations': async (
    db,
  ) => {
    const rows = [
      ...Array.from({ length: 85 }, (_, i) => appointment({ start: day(1 + (i % 28)) })),
      ...Array.from({ length: 5 }, () => appointment({ start: day(3), status: 'no_show' })),
      ...Array.from({ length: 4 }, () =>
        appointment({ start: day(4), status: 'cancelled', cancelled_by: 'client' }),
      ),
      appointment({ start: day(5), status: 'cancelled', cancelled_by: null }),
      ...Array.from({ length: 3 }, () =>
        appointment({
          start: day(6),
          status: 'late_cancelled',
          source_status: 'cancelled',
          cancelled_by: 'client',
        }),
      ),
      appointment({ start: day(7), status: 'cancelled', cancelled_by: 'therapist' }),
      appointment({ start: day(7), status: 'cancelled', cancelled_by: 'practice' }),
      ...Array.from({ length: 4 }, () => appointment({ start: day(30), status: 'booked' })),
    ];
    await insert(db, 'appointments', rows);
    const done = await kpi(db, 'session_completion_rate');
    assert.equal(done.value, 85);
    assert.deepEqual([done.numerator, done.denominator, done.n, done.status], [85, 100, 100, 'ok']);
    assert.ok(done.ci && done.ci[0] < 85 && done.ci[1] > 85);
    const ns = await kpi(db, 'no_show_cancellation_rate');
    assert.deepEqual([ns.value, ns.numerator, ns.denominator], [13, 13, 100]);
    const tc = await kpi(db, 'therapist_cancellation_rate');
    assert.deepEqual([tc.value, tc.numerator], [2, 2]);
  },
  'no-show and cancellation: 10 of 50 → 20 %': async (db) => {
    await insert(db, 'appointments', [
      ...Array.from({ length: 40 }, () => appointment({ start: day(10) })),
      ...Array.from({ length: 4 }, () => appointment({ start: day(11), status: 'no_show' })),
      ...Array.from({ length: 3 }, () => appointment({ start: day(12), status: 'cancelled' })),
      ...Array.from({ length: 3 }, () => appointment({ start: day(13), status: 'late_cancelled' })),
    ]);
    assert.equal((await kpi(db, 'no_show_cancellation_rate')).value, 20);
  },
  'wait time: 150 hours over 50 bookings → 3 h, attributed by booked_at': async (db) => {
    const rows = Array.from({ length: 50 }, (_, i) => {
      const booked = day(2 + (i % 20));
      return appointment({
        start: day(25),
        booked_at: Date.parse(booked),
        requested_at: Date.parse(booked) - (i < 25 ? 2 : 4) * 3_600_000,
      });
    });
    rows.push(
      appointment({
        start: day(25),
        booked_at: Date.parse('2025-12-31T23:00:00Z'),
        requested_at: Date.parse('2025-12-31T10:00:00Z'),
      }),
    );
    rows.push(appointment({ start: day(25), booked_at: Date.parse(day(5)), requested_at: null }));
    await insert(db, 'appointments', rows);
    const w = await kpi(db, 'avg_wait_time_to_book');
    assert.deepEqual([w.value, w.numerator, w.denominator, w.ci], [3, 150, 50, null]);
  },
  'utilization: 30 session hours of 40 available, blocks cut at the period edges': async (db) => {
    await insert(db, 'availability', [
      availability('t1', day(5, 8), day(5, 18)),
      availability('t1', day(6, 8), day(6, 18)),
      availability('t2', day(7, 8), day(7, 18)),
      availability('t1', '2025-12-31T20:00:00Z', '2026-01-01T06:00:00Z'),
      availability('t2', '2026-01-31T20:00:00Z', '2026-02-01T02:00:00Z'),
      availability('t2', '2026-02-01T00:00:00Z', '2026-02-01T08:00:00Z'),
    ]);
    await insert(
      db,
      'appointments',
      Array.from({ length: 36 }, (_, i) =>
        appointment({ start: day(5 + (i % 3)), actual_duration_min: 50 }),
      ),
    );
    const u = await kpi(db, 'therapist_utilization_rate');
    assert.deepEqual([u.value, u.numerator, u.denominator], [75, 30, 40]);
  },
  'duration: 1000 minutes over 50 sessions → 20 min (actual, else end − start, else duration_min)':
    async (db) => {
      await insert(db, 'appointments', [
        ...Array.from({ length: 20 }, () =>
          appointment({
            start: day(3),
            actual_duration_min: 20,
            scheduled_end: Date.parse(day(3)) + 3_600_000,
          }),
        ),
        ...Array.from({ length: 15 }, () =>
          appointment({
            start: day(4),
            scheduled_end: Date.parse(plus(day(4), 20)),
            duration_min: 90,
          }),
        ),
        ...Array.from({ length: 15 }, () => appointment({ start: day(5), duration_min: 20 })),
        appointment({ start: day(6), status: 'no_show', duration_min: 500 }),
      ]);
      const d = await kpi(db, 'avg_session_duration');
      assert.deepEqual([d.value, d.numerator, d.denominator], [20, 1000, 50]);
    },
  'session slots: 40 used of 50 offered (by slot_id or same therapist and start)': async (db) => {
    const slots = Array.from({ length: 50 }, (_, i) => slot(`s${i}`, 't1', plus(day(2), i * 60)));
    await insert(db, 'slots', slots);
    await insert(db, 'appointments', [
      ...Array.from({ length: 30 }, (_, i) =>
        appointment({ start: plus(day(20), i), slot_id: `s${i}` }),
      ),
      ...Array.from({ length: 10 }, (_, i) => appointment({ start: plus(day(2), (30 + i) * 60) })),
      appointment({ start: plus(day(2), 41 * 60), therapist_id: 't2' }),
      appointment({ start: plus(day(2), 42 * 60), slot_id: 's42', status: 'no_show' }),
    ]);
    const s = await kpi(db, 'session_utilization_rate');
    assert.deepEqual([s.value, s.numerator, s.denominator], [80, 40, 50]);
  },
  'ratings 4, 5, 4, 3 → 4, by the session start': async (db) => {
    const appts = [4, 5, 4, 3, 1].map((_, i) =>
      appointment({ start: i < 4 ? day(9) : '2026-02-01T00:00:00Z' }),
    );
    await insert(db, 'appointments', appts);
    await insert(
      db,
      'session_ratings',
      [4, 5, 4, 3, 1].map((rating, i) => ({
        practice_id: PID,
        appointment_id: String(appts[i]!.appointment_id),
        rating,
        rated_at: null,
      })),
    );
    const r = await kpi(db, 'avg_session_rating');
    assert.deepEqual([r.value, r.numerator, r.denominator], [4, 16, 4]);
  },
  'satisfaction: 85 of 100 and 80 of 100 on a 10-point scale; mean on 1–5': async (db) => {
    await insert(db, 'surveys', [
      ...Array.from({ length: 85 }, (_, i) => survey(`c${i}`, day(10), 5)),
      ...Array.from({ length: 15 }, (_, i) => survey(`c${i}`, day(11), 3)),
      survey('c1', day(11), 1, 5, 'nps'),
    ]);
    const rate = await kpi(db, 'client_satisfaction_rate');
    assert.deepEqual([rate.value, rate.numerator, rate.denominator], [85, 85, 100]);
    const score = await kpi(db, 'client_satisfaction_score');
    assert.equal(score.value, 4.7);
    await insert(db, 'surveys', [
      ...Array.from({ length: 80 }, (_, i) => survey(`d${i}`, '2026-02-10T10:00:00Z', 8, 10)),
      ...Array.from({ length: 20 }, (_, i) => survey(`d${i}`, '2026-02-11T10:00:00Z', 7, 10)),
    ]);
    const feb = { from: '2026-02-01', to: '2026-02-28' };
    assert.equal((await kpi(db, 'client_satisfaction_rate', feb)).value, 80);
    assert.equal((await kpi(db, 'client_satisfaction_score', feb)).value, 3.9);
  },
  'revenue: 50,000 USD from 100 clients in a quarter → 500 USD; other currencies apart': async (
    db,
  ) => {
    const q1 = { from: '2026-01-01', to: '2026-03-31' };
    await insert(
      db,
      'appointments',
      Array.from({ length: 100 }, (_, i) => appointment({ start: day(10), client_id: `c${i}` })),
    );
    await insert(db, 'payments', [
      ...Array.from({ length: 100 }, (_, i) => payment(`c${i}`, '2026-02-01T10:00:00Z', 51_000)),
      payment('c0', '2026-03-31T23:00:00Z', -100_000),
      payment('c1', '2026-04-01T00:00:00Z', 999_999),
      payment('c2', '2026-02-02T10:00:00Z', 20_000, 'EUR'),
    ]);
    const r = await kpi(db, 'avg_revenue_per_client', q1, practice({ profile: 'neurofeedback' }));
    assert.deepEqual([r.value, r.numerator, r.denominator, r.currency], [500, 50_000, 100, 'USD']);
    assert.equal(r.band, 'typical');
    assert.deepEqual(r.details?.byCurrency, [
      { currency: 'EUR', revenue: 200, payments: 1, clients_served: 100, value: 2 },
      { currency: 'USD', revenue: 50_000, payments: 101, clients_served: 100, value: 500 },
    ]);
    const eur = await kpi(db, 'avg_revenue_per_client', q1, practice({ currency: 'EUR' }));
    assert.deepEqual([eur.value, eur.band], [2, null]);
  },
});

onEveryDialect('zero denominators', {
  'an empty store gives null values with reasons, never NaN': async (db) => {
    const r = await computeKpis(db, practice(), JAN);
    for (const [id, k] of Object.entries(r.kpis)) {
      assert.equal(k.value, null, id);
      assert.equal(k.status, KPI_SOURCE[id as KpiId] ? 'no_source' : 'no_data', id);
      assert.ok(k.reason && k.reason.length > 5, id);
    }
    assert.equal(r.kpis.session_completion_rate?.reason, 'no closed sessions scheduled in period');
  },
  'small samples are insufficient_data without a band': async (db) => {
    await insert(db, 'appointments', [appointment({ start: day(3) })]);
    const k = await kpi(db, 'session_completion_rate', JAN, practice({ min_sample: 20 }));
    assert.deepEqual([k.value, k.status, k.band], [100, 'insufficient_data', null]);
  },
});

onEveryDialect('client sets', {
  'acquisition: 50 new of 500 at start → 10 %; seed 003 variant new / served': async (db) => {
    const rows = [
      ...Array.from({ length: 500 }, (_, i) =>
        appointment({ start: '2025-12-01T10:00:00Z', client_id: `old${i}` }),
      ),
      ...Array.from({ length: 100 }, (_, i) =>
        appointment({ start: day(8), client_id: `old${i}` }),
      ),
      ...Array.from({ length: 50 }, (_, i) => appointment({ start: day(9), client_id: `new${i}` })),
    ];
    await insert(db, 'appointments', rows);
    const a = await kpi(db, 'new_client_acquisition_rate');
    assert.deepEqual([a.value, a.numerator, a.denominator], [10, 50, 500]);
    const v = a.details?.seed003_variant as {
      value: number;
      numerator: number;
      denominator: number;
    };
    assert.deepEqual(
      [v.value, v.numerator, v.denominator],
      [(50 / 150) * 100, 50, 150].map((x) => Math.round(x * 1e6) / 1e6),
    );
  },
  'seed 003 variant: 30 new of 150 served → 20 %': async (db) => {
    await insert(db, 'appointments', [
      ...Array.from({ length: 120 }, (_, i) =>
        appointment({ start: '2025-12-15T10:00:00Z', client_id: `old${i}` }),
      ),
      ...Array.from({ length: 120 }, (_, i) =>
        appointment({ start: day(8), client_id: `old${i}` }),
      ),
      ...Array.from({ length: 30 }, (_, i) => appointment({ start: day(9), client_id: `new${i}` })),
    ]);
    const a = await kpi(db, 'new_client_acquisition_rate');
    assert.equal((a.details?.seed003_variant as { value: number }).value, 20);
  },
  'retention S=100, N=20, E=110 → 90 %; reactivated clients make cohort retention 85 %': async (
    db,
  ) => {
    const rows = [
      // 100 active at Jan 1 (session in the 90 days before); 85 come back in January.
      ...Array.from({ length: 100 }, (_, i) =>
        appointment({ start: '2025-11-20T10:00:00Z', client_id: `s${i}` }),
      ),
      ...Array.from({ length: 85 }, (_, i) => appointment({ start: day(15), client_id: `s${i}` })),
      // 15 of S drift away: last session Nov 20, so still "active" at Feb 1 only if within 90 days.
      // Nov 20 + 90 d = Feb 18: discharge them instead.
      ...Array.from({ length: 20 }, (_, i) => appointment({ start: day(20), client_id: `n${i}` })),
      // 5 reactivated: last seen in 2025-03, back in January.
      ...Array.from({ length: 5 }, (_, i) =>
        appointment({ start: '2025-03-01T10:00:00Z', client_id: `r${i}` }),
      ),
      ...Array.from({ length: 5 }, (_, i) => appointment({ start: day(21), client_id: `r${i}` })),
    ];
    await insert(db, 'appointments', rows);
    await insert(
      db,
      'clients',
      Array.from({ length: 15 }, (_, i) =>
        client(`s${85 + i}`, '2025-01-01T00:00:00Z', { discharged_at: Date.parse(day(10)) }),
      ),
    );
    const r = await kpi(db, 'client_retention_rate');
    assert.deepEqual([r.value, r.numerator, r.denominator, r.ci], [90, 90, 100, null]);
    assert.deepEqual(r.details, { active_start: 100, active_end: 110, new_clients: 20 });
    const c = await kpi(db, 'cohort_retention_rate');
    assert.deepEqual([c.value, c.numerator, c.denominator], [85, 85, 100]);
  },
  'discharged exactly at t is still active at t; window [t − W, t) is half-open': async (db) => {
    const jan1 = Date.parse('2026-01-01T00:00:00Z');
    await insert(db, 'appointments', [
      appointment({ start: jan1 - 90 * 86_400_000, client_id: 'edge' }),
      appointment({ start: jan1 - 90 * 86_400_000 - 1, client_id: 'out' }),
      appointment({ start: jan1 - 1, client_id: 'dis' }),
      appointment({ start: jan1, client_id: 'atstart' }),
    ]);
    await insert(db, 'clients', [client('dis', '2025-01-01T00:00:00Z', { discharged_at: jan1 })]);
    const r = await computeKpis(db, practice(), { ...JAN, ids: ['client_retention_rate'] });
    assert.deepEqual(r.kpis.client_retention_rate?.details, {
      active_start: 2,
      active_end: 1,
      new_clients: 1,
    });
  },
  'rematch and second-session return among new clients': async (db) => {
    await insert(db, 'appointments', [
      // n1: returns in 10 days, same therapist; n2: 2nd with another therapist after 40 days
      appointment({ start: day(2), client_id: 'n1' }),
      appointment({ start: day(12), client_id: 'n1' }),
      appointment({ start: day(3), client_id: 'n2' }),
      appointment({ start: '2026-02-12T10:00:00Z', client_id: 'n2', therapist_id: 't2' }),
      // n3: 3rd session with another therapist; 2nd exactly 30 days later (not within)
      appointment({ start: day(1), client_id: 'n3' }),
      appointment({ start: day(31), client_id: 'n3' }),
      appointment({ start: '2026-02-05T10:00:00Z', client_id: 'n3', therapist_id: 't3' }),
      // n4: a single session; old: not new
      appointment({ start: day(4), client_id: 'n4' }),
      appointment({ start: '2025-06-01T10:00:00Z', client_id: 'old' }),
      appointment({ start: day(5), client_id: 'old', therapist_id: 't9' }),
      appointment({ start: day(6), client_id: 'n1', status: 'no_show', therapist_id: 't8' }),
      // The data reach into June, so every January client has matured (this case was written
      // before maturity counted; the cases below cover clients that have not).
      appointment({ start: '2026-06-01T10:00:00Z', client_id: 'later' }),
    ]);
    const rm = await kpi(db, 'rematch_rate');
    assert.deepEqual([rm.value, rm.numerator, rm.denominator, rm.maturing], [50, 2, 4, 0]);
    const ret = await kpi(db, 'second_session_return_rate');
    assert.deepEqual([ret.value, ret.numerator, ret.denominator, ret.maturing], [25, 1, 4, 0]);
  },
  'young cohorts: left out of return (30 days) and rematch (60 days or a 3rd session), counted':
    async (db) => {
      await insert(db, 'appointments', [
        // a: first Jan 2, another therapist on Jan 5, a 3rd session Jan 8: rematch settled
        appointment({ start: day(2), client_id: 'a' }),
        appointment({ start: day(5), client_id: 'a', therapist_id: 't2' }),
        appointment({ start: day(8), client_id: 'a', therapist_id: 't2' }),
        // b: first Jan 10, back Jan 20 with the same therapist, no 3rd
        appointment({ start: day(10), client_id: 'b' }),
        appointment({ start: day(20), client_id: 'b' }),
        // c: first Jan 25, a single session
        appointment({ start: day(25), client_id: 'c' }),
      ]);
      // The latest record: a payment on Feb 15, 10:00 (so the data end is Feb 15, 10:00).
      await insert(db, 'payments', [payment('a', '2026-02-15T10:00:00Z', 100)]);
      // Both ways: from the rollups and from the records.
      for (const rollups of [true, false]) {
        // Return: a (44 d) and b (36 d) matured, c (21 d) maturing; returned: a and b.
        const ret = await kpi(db, 'second_session_return_rate', { ...JAN, rollups });
        assert.deepEqual(
          [ret.value, ret.numerator, ret.denominator, ret.n, ret.maturing],
          [100, 2, 2, 2, 1],
        );
        // Rematch: only a (3rd session); b and c are under 60 days.
        const rm = await kpi(db, 'rematch_rate', { ...JAN, rollups });
        assert.deepEqual([rm.value, rm.numerator, rm.denominator, rm.maturing], [100, 1, 1, 2]);
        // Now before the latest record caps the end of the data: on Jan 28 every client is young
        // for return, and only a (3rd session on Jan 8) has matured for rematch.
        const now = Date.parse('2026-01-28T00:00:00Z');
        const early = await computeKpis(db, practice(), { ...JAN, now, rollups });
        const r2 = early.kpis.second_session_return_rate!;
        assert.deepEqual(
          [r2.value, r2.numerator, r2.denominator, r2.maturing, r2.status, r2.reason],
          [null, 0, 0, 3, 'insufficient_data', 'all 3 new clients are still maturing'],
        );
        assert.deepEqual(
          [early.kpis.rematch_rate!.denominator, early.kpis.rematch_rate!.maturing],
          [1, 2],
        );
      }
    },
  'survey response rate: served clients who answered a csat survey in P': async (db) => {
    await insert(
      db,
      'appointments',
      [1, 2, 3, 4].map((i) => appointment({ start: day(5), client_id: `c${i}` })),
    );
    await insert(db, 'surveys', [
      survey('c1', day(6), 4),
      survey('c1', day(7), 5),
      survey('c2', day(8), 2, 5, 'phq9'),
      survey('c3', '2026-02-01T00:00:00Z', 5),
      survey('x', day(8), 5),
    ]);
    const s = await kpi(db, 'survey_response_rate');
    assert.deepEqual([s.value, s.numerator, s.denominator], [25, 1, 4]);
  },
});
