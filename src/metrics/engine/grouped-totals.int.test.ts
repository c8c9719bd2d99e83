import assert from 'node:assert/strict';
import { createRng, type Rng } from '../../demo/prng.js';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { GROUP_BY, type GroupBy } from '../catalog/catalog.types.js';
import {
  PID,
  appointment,
  client,
  insert,
  onEveryDialect,
  payment,
  survey,
} from '../test-records.js';
import { computeKpis } from './compute-kpis.js';
import type { KpiResults } from './kpi-result.types.js';

const DAY = 86_400_000;
const THERAPISTS = ['t1', 't2', 't3'];
const SERVICES = ['talk', 'nf', 'intake', null];
const CHANNELS = ['ads', 'web', 'referral', null];
const STATUSES = ['completed', 'completed', 'completed', 'completed', 'no_show', 'cancelled'];
/** The data run from FIRST to LAST; the report covers PERIOD (young cohorts at its end). */
const FIRST = Date.parse('2025-09-01T00:00:00Z');
const LAST = Date.parse('2026-07-20T00:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

/**
 * A small generated practice: clients arriving over the data's span, each with a run of
 * sessions that switch therapist and service now and then, pause for longer than the active
 * window (and come back), and end in a discharge for some (a few with sessions after it).
 */
async function generatedPractice(db: Db, rng: Rng, clients: number) {
  const clientRows = [];
  const appts = [];
  const surveys = [];
  const payments = [];
  for (let i = 0; i < clients; i++) {
    const id = `c${i}`;
    let at = FIRST + Math.floor(rng.range(0, LAST - FIRST - 10 * DAY));
    let therapist = rng.pick(THERAPISTS);
    let service = rng.pick(SERVICES);
    const sessions = rng.int(1, 14);
    let lastCompleted = at;
    for (let s = 0; s < sessions && at < LAST; s++) {
      if (rng.chance(0.25)) therapist = rng.pick(THERAPISTS);
      if (rng.chance(0.25)) service = rng.pick(SERVICES);
      const status = rng.pick(STATUSES);
      appts.push(
        appointment({ start: at, client_id: id, therapist_id: therapist, service, status }),
      );
      if (status === 'completed') {
        lastCompleted = at;
        if (rng.chance(0.3))
          surveys.push(survey(id, at + rng.int(1, 72) * 3_600_000, rng.int(1, 5)));
        if (rng.chance(0.5)) payments.push(payment(id, at + DAY, 9000));
      }
      // Mostly weekly to monthly; sometimes a pause longer than the 90-day window.
      const gap = rng.chance(0.12) ? rng.int(95, 160) : rng.int(3, 35);
      at += gap * DAY + rng.int(0, 23) * 3_600_000;
    }
    const discharged = rng.chance(0.3)
      ? lastCompleted + rng.int(rng.chance(0.2) ? -40 : 0, 30) * DAY
      : null;
    clientRows.push(
      client(id, new Date(FIRST - 30 * DAY).toISOString(), {
        acquisition_channel: rng.pick(CHANNELS),
        discharged_at: discharged,
      }),
    );
  }
  await insert(db, 'clients', clientRows);
  await insert(db, 'appointments', appts);
  await insert(db, 'surveys', surveys);
  await insert(db, 'payments', payments);
}

/** Rates the spec allows outside 0–100 % (only for the practice, a channel or a bucket). */
const UNBOUNDED = new Set(['client_retention_rate', 'new_client_acquisition_rate']);

/** No negative count, no rate out of its range, nothing defined that the spec leaves out. */
function checkGroup(by: GroupBy, key: string, kpis: KpiResults) {
  for (const [id, r] of Object.entries(kpis)) {
    const at = `by ${by}, ${key}, ${id}`;
    assert.ok(r.n >= 0, `${at}: n ${r.n}`);
    assert.ok(r.denominator === null || r.denominator >= 0, `${at}: den ${r.denominator}`);
    if (r.denominator === 0) assert.equal(r.value, null, at);
    if (r.maturing !== undefined) assert.ok(r.maturing >= 0, `${at}: maturing ${r.maturing}`);
    if (id === 'client_retention_rate') {
      if (by === 'therapist' || by === 'service') {
        assert.deepEqual([r.value, r.reason], [null, `not defined per ${by}`], at);
      }
      const d = (r.details ?? {}) as Record<string, number>;
      for (const k of ['active_start', 'active_end', 'new_clients']) {
        assert.ok((d[k] ?? 0) >= 0, `${at}: ${k} ${d[k]}`);
      }
      // E − N may go below zero over a positive S (the spec allows it), never over nobody.
      if (r.denominator === 0) assert.equal(r.numerator, null, at);
      continue;
    }
    assert.ok(r.numerator === null || r.numerator >= 0, `${at}: num ${r.numerator}`);
    if (r.unit === 'percent' && r.value !== null && !UNBOUNDED.has(id)) {
      assert.ok(r.value >= 0 && r.value <= 100, `${at}: ${r.value} %`);
    }
  }
}

const SEEDS = [7, 2026];

onEveryDialect('generated practices: groupings never change the whole', {
  'every grouping, both ways: whole = ungrouped, groups within range, months = alone': async (
    db,
  ) => {
    const p: Practice = { ...defaultPractice(PID), min_sample: 1, timezone: 'America/New_York' };
    for (const seed of SEEDS) {
      for (const table of ['payments', 'surveys', 'appointments', 'clients'] as const) {
        await db.deleteFrom(table).execute();
      }
      await generatedPractice(db, createRng(seed), 40);
      for (const rollups of [true, false]) {
        const whole = await computeKpis(db, p, { ...PERIOD, rollups });
        assert.ok((whole.kpis.client_retention_rate?.denominator ?? 0) > 0, `seed ${seed}`);
        checkGroup('month', '(whole)', whole.kpis);
        for (const by of GROUP_BY) {
          const grouped = await computeKpis(db, p, { ...PERIOD, by, rollups });
          assert.deepEqual(grouped.kpis, whole.kpis, `seed ${seed}, by ${by}, rollups ${rollups}`);
          assert.ok((grouped.groups ?? []).length > 0, `by ${by} has groups`);
          for (const g of grouped.groups ?? []) checkGroup(by, g.key, g.kpis);
          if (by !== 'month') continue;
          // Each calendar bucket is its own period: a month row is that month computed alone.
          for (const g of grouped.groups!) {
            const [y, m] = g.key.split('-').map(Number) as [number, number];
            const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
            const alone = await computeKpis(db, p, {
              from: `${g.key}-01`,
              to: `${g.key}-${last}`,
              rollups,
            });
            assert.deepEqual(g.kpis, alone.kpis, `seed ${seed}, ${g.key} alone`);
          }
        }
      }
    }
  },
});
