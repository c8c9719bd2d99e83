import assert from 'node:assert/strict';
import type { Db } from '../../store/database.js';
import { TOTAL, type PartValues } from '../engine/grouping.js';
import { PID, client, insert, onEveryDialect } from '../test-records.js';
import { countActive, type ActiveSpan } from './count-active.js';

/** 60 boundaries, t_i = 1000 + 100 i: two mask columns (t_0 … t_49, t_50 … t_59). */
const t = Array.from({ length: 60 }, (_, i) => 1000 + 100 * i);

/**
 * Runs (from, to] written by hand, each with the boundaries it holds:
 * - a, t1 / talk (1000, 1250]: t_1, t_2; then a, t2 / nf (1250, 6000]: t_3 … t_50 (across the
 *   two columns, and touching the first run: active at t_2 and t_3 through two runs);
 * - b, t1 / talk (900, 1000]: t_0 only;
 * - c, t1 / talk (5000, 7000] discharged at 5500: t_41 … t_45 (5500 still held);
 * - d, t1 / talk (1000, 1300], discharged at 1400: t_1 … t_3; its later run (1500, 2000] starts
 *   after the discharge and holds nothing (its mask would be negative and spoil the sum);
 * - e, t2 / talk (950, 8000]: every boundary;
 * - f, t3 / no service (1050, 1150]: t_1 only.
 */
async function runs(db: Db) {
  const run = (
    client_id: string,
    active_from: number,
    active_to: number,
    therapist_id: string,
    service: string | null,
    discharged_at: number | null = null,
  ) => ({
    practice_id: PID,
    client_id,
    active_from,
    active_to,
    discharged_at,
    therapist_id,
    service,
  });
  await db
    .insertInto('rollup_client_spells')
    .values([
      run('a', 1000, 1250, 't1', 'talk'),
      run('a', 1250, 6000, 't2', 'nf'),
      run('b', 900, 1000, 't1', 'talk'),
      run('c', 5000, 7000, 't1', 'talk', 5500),
      run('d', 1000, 1300, 't1', 'talk', 1400),
      run('d', 1500, 2000, 't1', 'talk', 1400),
      run('e', 950, 8000, 't2', 'talk'),
      run('f', 1050, 1150, 't3', null),
    ])
    .execute();
  await insert(db, 'clients', [
    client('b', '2020-01-01T00:00:00Z', { acquisition_channel: 'ads' }),
    client('e', '2020-01-01T00:00:00Z', { acquisition_channel: 'web' }),
  ]);
}

/** S, E and retained of each group, as [S, E, retained] (absent parts are 0). */
function counted(out: PartValues) {
  const got: Record<string, number[]> = {};
  for (const [g, parts] of out) {
    const v = ['active_start', 'active_end', 'retained'].map((p) => parts.get(p) ?? 0);
    if (v.some((x) => x > 0)) got[g] = v;
  }
  return got;
}

const span = (i0: number, i1: number, group: string): ActiveSpan => ({ i0, i1, group });

onEveryDialect('active clients counted from the runs (count-active.ts)', {
  'S, E and retained per span, worked out by hand': async (db) => {
    await runs(db);
    const out: PartValues = new Map();
    const spans = [
      span(0, 59, TOTAL),
      span(1, 2, 'one-two'),
      span(2, 3, 'two-three'),
      span(45, 46, 'discharge'),
      span(49, 50, 'across-columns'),
    ];
    await countActive(db, PID, t, spans, { dim: null }, out);
    assert.deepEqual(counted(out), {
      // t_0: b, e; t_59: e; both: e.
      [TOTAL]: [2, 1, 1],
      // t_1: a, d, e, f; t_2: a, d, e.
      'one-two': [4, 3, 3],
      // a is active at both through two different runs; d's first run holds t_3 = 1300.
      'two-three': [3, 3, 3],
      // t_45 (5500): a, c (discharged at 5500, still held), e; t_46: a, e.
      discharge: [3, 2, 2],
      // t_49 in the first column, t_50 in the second: a (its run ends at 6000) and e.
      'across-columns': [2, 2, 2],
    });
  },
  'under a filter S and E count where the holding run passes, retained wherever active': async (
    db,
  ) => {
    await runs(db);
    const t1: PartValues = new Map();
    const filter = { dim: 'therapist' as const, value: 't1' };
    await countActive(
      db,
      PID,
      t,
      [span(0, 59, TOTAL), span(2, 3, 'two-three')],
      { dim: null, filter },
      t1,
    );
    // t_0: b (t1), not e (t2); at t_59 only e (t2). t_2: a and d under t1; at t_3 only d is
    // under t1, a under t2, yet still active, so both are retained.
    assert.deepEqual(counted(t1), { [TOTAL]: [1, 0, 0], 'two-three': [2, 1, 2] });
    const none: PartValues = new Map();
    const noService = { dim: 'service' as const, value: '(none)' };
    await countActive(db, PID, t, [span(1, 2, 'one-two')], { dim: null, filter: noService }, none);
    assert.deepEqual(counted(none), { 'one-two': [1, 0, 0] });
  },
  'own groups: the attribution at t_0 and at t_n, or the channel': async (db) => {
    await runs(db);
    const whole = [span(0, 59, TOTAL), span(0, 59, 'own')];
    const byTherapist: PartValues = new Map();
    await countActive(db, PID, t, whole, { dim: 'therapist' }, byTherapist);
    // t_0: b under t1, e under t2; t_59: e under t2, retained.
    assert.deepEqual(counted(byTherapist), { [TOTAL]: [2, 1, 1], t1: [1, 0, 0], t2: [1, 1, 1] });
    const byChannel: PartValues = new Map();
    await countActive(db, PID, t, whole, { dim: 'channel' }, byChannel);
    assert.deepEqual(counted(byChannel), { [TOTAL]: [2, 1, 1], ads: [1, 0, 0], web: [1, 1, 1] });
  },
});
