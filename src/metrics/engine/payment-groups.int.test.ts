import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { PID, appointment, client, insert, onEveryDialect, payment } from '../test-records.js';
import { computeKpis } from './compute-kpis.js';
import type { KpiResults } from './kpi-result.types.js';

const practice = (): Practice => ({ ...defaultPractice(PID), min_sample: 1 });
const JAN = { from: '2026-01-01', to: '2026-01-31' };

/**
 * January 2026 (UTC), two clients:
 * - a: Jan 5 with t1 / talk, Jan 10 with t2 / no service; pays 100.00 for the Jan 10 session
 *   (Jan 11) and 40.00 naming no appointment on Jan 7 (last session before: Jan 5, t1 / talk);
 * - b: Jan 6 with t2 / nf; pays 150.00 naming no appointment on Jan 12 (last: Jan 6, t2 / nf).
 */
async function twoClients(db: Db) {
  await insert(db, 'clients', [
    client('a', '2025-12-01T00:00:00Z'),
    client('b', '2025-12-01T00:00:00Z'),
  ]);
  const a10 = appointment({ start: '2026-01-10T10:00:00Z', client_id: 'a', therapist_id: 't2' });
  await insert(db, 'appointments', [
    appointment({ start: '2026-01-05T10:00:00Z', client_id: 'a', service: 'talk' }),
    a10,
    appointment({
      start: '2026-01-06T10:00:00Z',
      client_id: 'b',
      therapist_id: 't2',
      service: 'nf',
    }),
  ]);
  await insert(db, 'payments', [
    payment('a', '2026-01-11T10:00:00Z', 10_000, 'USD', String(a10.appointment_id)),
    payment('a', '2026-01-07T10:00:00Z', 4_000),
    payment('b', '2026-01-12T10:00:00Z', 15_000),
  ]);
}

const revenue = (k: KpiResults | undefined) => {
  const r = k?.avg_revenue_per_client;
  return [r?.numerator, r?.denominator, r?.value];
};

onEveryDialect('avg_revenue_per_client per group: payments naming no appointment', {
  'go by the client’s last completed session before the payment, never to (none)': async (db) => {
    await twoClients(db);
    const whole = await computeKpis(db, practice(), JAN);
    assert.deepEqual(revenue(whole.kpis), [290, 2, 145]);

    const bySvc = await computeKpis(db, practice(), { ...JAN, by: 'service' });
    const s = Object.fromEntries(bySvc.groups!.map((g) => [g.key, g.kpis]));
    // (none): a's Jan 10 session and the 100.00 paid for it; b's 150.00 is not a's.
    assert.deepEqual(revenue(s['(none)']), [100, 1, 100]);
    assert.deepEqual(revenue(s.nf), [150, 1, 150]);
    assert.deepEqual(revenue(s.talk), [40, 1, 40]);

    const byTh = await computeKpis(db, practice(), { ...JAN, by: 'therapist' });
    const t = Object.fromEntries(byTh.groups!.map((g) => [g.key, g.kpis]));
    assert.deepEqual(Object.keys(t), ['t1', 't2']);
    assert.deepEqual(revenue(t.t1), [40, 1, 40]);
    assert.deepEqual(revenue(t.t2), [250, 2, 125]);

    // A filter keeps what the same group holds.
    const nf = await computeKpis(db, practice(), { ...JAN, filter: { service: 'nf' } });
    assert.deepEqual(revenue(nf.kpis), [150, 1, 150]);
  },
});

onEveryDialect('avg_revenue_per_client with clients served and nothing paid', {
  'is a measured 0, not "no payments" (the store holds payments, so the KPI has a source)': async (
    db,
  ) => {
    await twoClients(db);
    // February: a is served again, nobody pays. 0.00 over 1 client served.
    await insert(db, 'appointments', [
      appointment({ start: '2026-02-03T10:00:00Z', client_id: 'a', service: 'talk' }),
    ]);
    const feb = await computeKpis(db, practice(), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(revenue(feb.kpis), [0, 1, 0]);
    assert.equal(feb.kpis.avg_revenue_per_client?.status, 'ok');
    // Payments only in another currency: no figure in the practice's, with the reason.
    await insert(db, 'payments', [payment('a', '2026-02-04T10:00:00Z', 5_000, 'EUR')]);
    const eur = await computeKpis(db, practice(), { from: '2026-02-01', to: '2026-02-28' });
    assert.equal(eur.kpis.avg_revenue_per_client?.value, null);
    assert.match(String(eur.kpis.avg_revenue_per_client?.reason), /no payments in USD/);
  },
});
