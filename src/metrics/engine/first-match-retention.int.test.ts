import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import { rollupState } from '../../store/rollup.repository.js';
import type { Db } from '../../store/database.js';
import { currentRollupVersion, refreshRollups } from '../rollups/refresh-rollups.js';
import { PID, appointment, insert, onEveryDialect, payment } from '../test-records.js';
import { computeKpis, type ComputeOptions } from './compute-kpis.js';

const practice = (): Practice => ({ ...defaultPractice(PID), min_sample: 1 });
const JAN_TO_APR: ComputeOptions = { from: '2026-01-01', to: '2026-04-30' };
const at = (iso: string) => `${iso}T10:00:00Z`;

/** The report both ways: from freshly built rollups (checked current) and from the records. */
async function bothWays(db: Db, opts: ComputeOptions) {
  const p = practice();
  await refreshRollups(db, p);
  assert.equal((await rollupState(db, PID))?.version, await currentRollupVersion(db, p));
  const rolled = await computeKpis(db, p, { ...opts, ids: ['first_match_retention_rate'] });
  const raw = await computeKpis(db, p, {
    ...opts,
    ids: ['first_match_retention_rate'],
    rollups: false,
  });
  assert.deepEqual(rolled, raw);
  return rolled;
}

onEveryDialect('first_match_retention_rate', {
  'kept, switched at the 3rd, 4th on day 91, and a client still maturing': async (db) => {
    await insert(db, 'appointments', [
      // kept: four sessions in 42 days, all with t1
      ...['2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16'].map((d) =>
        appointment({ start: at(d), client_id: 'kept' }),
      ),
      // switched: the 3rd session is with t2 (five sessions in all)
      appointment({ start: at('2026-01-06'), client_id: 'switched' }),
      appointment({ start: at('2026-01-13'), client_id: 'switched' }),
      appointment({ start: at('2026-01-20'), client_id: 'switched', therapist_id: 't2' }),
      appointment({ start: at('2026-01-27'), client_id: 'switched' }),
      appointment({ start: at('2026-02-03'), client_id: 'switched' }),
      // late: the 4th session is on Apr 7, exactly 90 days after Jan 7 (day 91 counting Jan 7
      // as day 1): outside the half-open window
      ...['2026-01-07', '2026-02-07', '2026-03-07', '2026-04-07'].map((d) =>
        appointment({ start: at(d), client_id: 'late' }),
      ),
      // young: first seen Apr 2, 60 days before the end of the data; four sessions with t1
      ...['2026-04-02', '2026-04-09', '2026-04-16', '2026-04-23'].map((d) =>
        appointment({ start: at(d), client_id: 'young' }),
      ),
      // not new: a first session in 2025
      appointment({ start: at('2025-11-03'), client_id: 'old' }),
      ...['2026-01-05', '2026-01-12', '2026-01-19'].map((d) =>
        appointment({ start: at(d), client_id: 'old' }),
      ),
      // a no-show does not count as a session with another therapist
      appointment({
        start: at('2026-01-26'),
        client_id: 'kept',
        therapist_id: 't9',
        status: 'no_show',
      }),
    ]);
    // The end of the data: a payment on Jun 1, 10:00 (60 days after Apr 2, 10:00).
    await insert(db, 'payments', [payment('kept', at('2026-06-01'), 100)]);

    // Matured: kept, switched, late (first sessions in January); kept 1 of 3; young maturing.
    const r = (await bothWays(db, JAN_TO_APR)).kpis.first_match_retention_rate!;
    assert.deepEqual([r.numerator, r.denominator, r.n, r.maturing, r.status], [1, 3, 3, 1, 'ok']);
    assert.equal(r.value, 33.333333); // 1 / 3 × 100, to six decimals
    assert.equal(r.band, null);

    // By month: January holds the three matured clients, April only the young one.
    const byMonth = await bothWays(db, { ...JAN_TO_APR, by: 'month' });
    const month = (key: string) =>
      byMonth.groups?.find((g) => g.key === key)?.kpis.first_match_retention_rate;
    assert.deepEqual(
      [month('2026-01')?.numerator, month('2026-01')?.denominator, month('2026-01')?.maturing],
      [1, 3, 0],
    );
    assert.deepEqual(
      [month('2026-04')?.value, month('2026-04')?.maturing, month('2026-04')?.status],
      [null, 1, 'insufficient_data'],
    );

    // With the clock at Apr 6, noon, the late client (first session Jan 7) is 89 days old and
    // maturing too; kept and switched (Jan 5, Jan 6) have just passed 90 days.
    const early = await computeKpis(db, practice(), {
      ...JAN_TO_APR,
      ids: ['first_match_retention_rate'],
      now: Date.parse('2026-04-06T12:00:00Z'),
      rollups: false,
    });
    const e = early.kpis.first_match_retention_rate!;
    assert.deepEqual([e.numerator, e.denominator, e.maturing], [1, 2, 2]);
  },
});
