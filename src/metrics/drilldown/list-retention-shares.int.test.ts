import assert from 'node:assert/strict';
import { defaultPractice, type Practice } from '../../model/practice.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { PID, appointment, client, insert, onEveryDialect } from '../test-records.js';
import { listKpiRecords } from './list-kpi-records.js';

const practice = (): Practice => ({ ...defaultPractice(PID), min_sample: 1 });
const JAN = { from: '2026-01-01', to: '2026-01-31' };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

onEveryDialect("retention's E − N behind the figure, by hand", {
  'each client in exactly one of E and N, +1 or −1, adding up to the numerator': async (db) => {
    // January 2026, UTC, window 90 days. S = {x, y}; E = {x, z, r}; N = {z, u}.
    await insert(db, 'clients', [
      client('x', '2025-11-01T00:00:00Z'), // active throughout: E, not N → +1
      client('y', '2025-11-01T00:00:00Z', { discharged_at: day('2026-01-20') }), // S only
      client('z', '2025-12-20T00:00:00Z'), // new and still active: in both, not listed
      client('u', '2025-12-20T00:00:00Z', { discharged_at: day('2026-01-25') }), // N only → −1
      client('r', '2025-08-01T00:00:00Z'), // back after 4 months: E, not new → +1
    ]);
    const s = (client_id: string, start: string) => appointment({ start, client_id });
    await insert(db, 'appointments', [
      s('x', '2025-12-01T10:00:00Z'),
      s('x', '2026-01-10T10:00:00Z'),
      s('y', '2025-12-15T10:00:00Z'),
      s('z', '2026-01-05T10:00:00Z'),
      s('z', '2026-01-12T10:00:00Z'),
      s('u', '2026-01-03T10:00:00Z'),
      s('r', '2025-09-01T10:00:00Z'),
      s('r', '2026-01-15T10:00:00Z'),
    ]);
    const kpi = (await computeKpis(db, practice(), JAN)).kpis.client_retention_rate!;
    assert.deepEqual([kpi.numerator, kpi.denominator, kpi.value], [1, 2, 50]); // (3 − 2) / 2
    const got = await listKpiRecords(db, practice(), {
      kpi: 'client_retention_rate',
      side: 'numerator',
      ...JAN,
    });
    const shares = Object.fromEntries(got.records.map((r) => [r.client_id, r.share]));
    assert.deepEqual(shares, { r: 1, u: -1, x: 1 });
    assert.equal(got.total, 3);
    assert.equal(got.figure, 1);
    const denominator = await listKpiRecords(db, practice(), {
      kpi: 'client_retention_rate',
      side: 'denominator',
      ...JAN,
    });
    assert.deepEqual(denominator.records.map((r) => r.client_id).sort(), ['x', 'y']);
  },
});
