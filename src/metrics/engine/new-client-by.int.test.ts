import assert from 'node:assert/strict';
import { defaultPractice, type NewClientBy, type Practice } from '../../model/practice.js';
import { rollupState } from '../../store/rollup.repository.js';
import type { Db } from '../../store/database.js';
import type { KpiId } from '../kpi-meta/kpi-meta.types.js';
import { currentRollupVersion, refreshRollups } from '../rollups/refresh-rollups.js';
import { PID, appointment, client, insert, onEveryDialect, payment } from '../test-records.js';
import { computeKpis, type ComputeOptions } from './compute-kpis.js';

const practice = (by: NewClientBy): Practice => ({
  ...defaultPractice(PID),
  min_sample: 1,
  new_client_by: by,
});
const JAN: ComputeOptions = { from: '2026-01-01', to: '2026-01-31' };
const at = (iso: string) => `${iso}T10:00:00Z`;
const IDS: KpiId[] = [
  'new_client_acquisition_rate',
  'second_session_return_rate',
  'rematch_rate',
  'first_match_retention_rate',
];

/** The report both ways: from freshly built rollups (checked current) and from the records. */
async function bothWays(db: Db, by: NewClientBy, opts: ComputeOptions = JAN) {
  const p = practice(by);
  await refreshRollups(db, p);
  assert.equal((await rollupState(db, PID))?.version, await currentRollupVersion(db, p));
  const rolled = await computeKpis(db, p, { ...opts, ids: IDS });
  assert.deepEqual(rolled, await computeKpis(db, p, { ...opts, ids: IDS, rollups: false }));
  return rolled;
}

/**
 * Clients, intake dates and sessions (t1 unless said), all matured by the end of the data (a
 * payment on Jun 1):
 * - A: intake Dec 20, sessions Jan 5, Jan 12 — new in January by first session only;
 * - B: intake Jan 10, sessions Feb 3, 10, 17, 24 — new in January by intake only; returned,
 *   kept its first match;
 * - C: intake Jan 15, only a no-show, channel "referral" — new by intake, never seen;
 * - D: intake Jan 20, a single session Jan 21 with t3 — new either way;
 * - E: no client record, sessions Jan 25, Mar 10 — new either way (no intake date: its
 *   first session);
 * - F: intake Jan 3 but sessions Dec 1 and Dec 8 (t2) before it — new in January by intake
 *   only; returned, rematched;
 * - O1, O2: intake in 2025, sessions Dec 10 — the clients active on Jan 1 with F (S = 3).
 */
async function seed(db: Db) {
  await insert(db, 'clients', [
    client('A', at('2025-12-20')),
    client('B', at('2026-01-10')),
    client('C', at('2026-01-15'), { acquisition_channel: 'referral' }),
    client('D', at('2026-01-20')),
    client('F', at('2026-01-03')),
    client('O1', at('2025-06-01')),
    client('O2', at('2025-06-01')),
  ]);
  await insert(db, 'appointments', [
    appointment({ start: at('2026-01-05'), client_id: 'A' }),
    appointment({ start: at('2026-01-12'), client_id: 'A' }),
    ...['2026-02-03', '2026-02-10', '2026-02-17', '2026-02-24'].map((d) =>
      appointment({ start: at(d), client_id: 'B' }),
    ),
    appointment({ start: at('2026-01-16'), client_id: 'C', status: 'no_show' }),
    appointment({ start: at('2026-01-21'), client_id: 'D', therapist_id: 't3' }),
    appointment({ start: at('2026-01-25'), client_id: 'E' }),
    appointment({ start: at('2026-03-10'), client_id: 'E' }),
    appointment({ start: at('2025-12-01'), client_id: 'F' }),
    appointment({ start: at('2025-12-08'), client_id: 'F', therapist_id: 't2' }),
    appointment({ start: at('2025-12-10'), client_id: 'O1' }),
    appointment({ start: at('2025-12-10'), client_id: 'O2' }),
  ]);
  await insert(db, 'payments', [payment('A', at('2026-06-01'), 100)]);
}

const figures = (r: Awaited<ReturnType<typeof bothWays>>['kpis'], id: KpiId) => [
  r[id]!.numerator,
  r[id]!.denominator,
  r[id]!.maturing ?? null,
];

onEveryDialect('new clients by first session or by intake date', {
  'first session (default): A, D, E are January’s new clients': async (db) => {
    await seed(db);
    const r = (await bothWays(db, 'first_session')).kpis;
    assert.deepEqual(figures(r, 'new_client_acquisition_rate'), [3, 3, null]);
    // Returned within 30 days: A (7 days); D a single session, E after 44 days.
    assert.deepEqual(figures(r, 'second_session_return_rate'), [1, 3, 0]);
    assert.deepEqual(figures(r, 'rematch_rate'), [0, 3, 0]);
    assert.deepEqual(figures(r, 'first_match_retention_rate'), [0, 3, 0]);
  },
  'intake date: B, C, D, E (no record), F; C has no session and stays out of the cohorts': async (
    db,
  ) => {
    await seed(db);
    const r = (await bothWays(db, 'created_at')).kpis;
    assert.deepEqual(figures(r, 'new_client_acquisition_rate'), [5, 3, null]);
    // Cohorts of B, D, E, F, measured from each one's first session; C is not maturing.
    assert.deepEqual(figures(r, 'second_session_return_rate'), [2, 4, 0]); // B, F
    assert.deepEqual(figures(r, 'rematch_rate'), [1, 4, 0]); // F
    assert.deepEqual(figures(r, 'first_match_retention_rate'), [1, 4, 0]); // B
  },
  'intake date by month: F in January, though its sessions were in December': async (db) => {
    await seed(db);
    const r = await bothWays(db, 'created_at', {
      from: '2025-12-01',
      to: '2026-02-28',
      by: 'month',
    });
    const n = (key: string) =>
      r.groups?.find((g) => g.key === key)?.kpis.new_client_acquisition_rate?.numerator;
    // December: A (intake Dec 20); January: B, C, D, E, F; February: nobody.
    assert.deepEqual([n('2025-12'), n('2026-01'), n('2026-02')], [1, 5, 0]);
    assert.equal(r.kpis.new_client_acquisition_rate?.numerator, 6);
  },
  'intake date by therapist and channel: a client never seen is in the whole and its channel':
    async (db) => {
      await seed(db);
      const p = practice('created_at');
      const group = async (by: ComputeOptions['by']) => {
        const r = await computeKpis(db, p, { ...JAN, by, ids: ['new_client_acquisition_rate'] });
        const counts = Object.fromEntries(
          (r.groups ?? []).map((g) => [g.key, g.kpis.new_client_acquisition_rate?.numerator]),
        );
        return { whole: r.kpis.new_client_acquisition_rate?.numerator, counts };
      };
      // By the therapist of the first session: B, E, F with t1, D with t3; C with nobody.
      const byTherapist = await group('therapist');
      assert.equal(byTherapist.whole, 5);
      assert.equal(byTherapist.counts.t1, 3);
      assert.equal(byTherapist.counts.t3, 1);
      assert.equal(byTherapist.counts['(none)'], undefined);
      const byChannel = await group('channel');
      assert.equal(byChannel.whole, 5);
      assert.equal(byChannel.counts.referral, 1);
      assert.equal(byChannel.counts['(none)'], 4);
      // Under a therapist filter C is left out: it had no session with t1.
      const filtered = await computeKpis(db, p, {
        ...JAN,
        filter: { therapist: 't1' },
        ids: ['new_client_acquisition_rate'],
      });
      assert.equal(filtered.kpis.new_client_acquisition_rate?.numerator, 3);
    },
  'rollups are rebuilt when the setting changes': async (db) => {
    await seed(db);
    await refreshRollups(db, practice('first_session'));
    const v1 = (await rollupState(db, PID))?.version;
    assert.notEqual(await currentRollupVersion(db, practice('created_at')), v1);
    await bothWays(db, 'created_at');
    assert.notEqual((await rollupState(db, PID))?.version, v1);
  },
});
