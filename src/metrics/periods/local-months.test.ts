import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { createRng } from '../../demo/prng.js';
import { localMonthOf } from './local-months.js';

describe('localMonthOf', () => {
  it('gives the local month of luxon for instants far apart, in zones with odd changes', () => {
    // Santiago skips midnight at its DST change; Lord Howe moves by 30 minutes; Kathmandu is
    // +05:45; Apia skipped a whole day (2011-12-30).
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Apia',
    ];
    const rng = createRng(7);
    const next = () => rng.next();
    for (const zone of zones) {
      for (let n = 0; n < 2_000; n++) {
        // 1950 to 2060, in an order that makes the table grow both ways.
        const ms = Date.UTC(1950, 0, 1) + next() * 110 * 365.25 * 86_400_000;
        const start = DateTime.fromMillis(ms, { zone }).startOf('month');
        const end = DateTime.fromMillis(start.toMillis(), { zone })
          .plus({ months: 1 })
          .startOf('month');
        assert.deepEqual(
          localMonthOf(ms, zone),
          [start.toMillis(), end.toMillis()],
          `${zone} ${new Date(ms).toISOString()}`,
        );
      }
    }
  });

  it('puts a month edge in the month it starts', () => {
    const zone = 'Europe/Berlin';
    const march = DateTime.fromISO('2026-03-01T00:00', { zone }).toMillis();
    const april = DateTime.fromISO('2026-04-01T00:00', { zone }).toMillis();
    assert.deepEqual(localMonthOf(march, zone), [march, april]);
    assert.deepEqual(localMonthOf(april - 1, zone), [march, april]);
    assert.equal(localMonthOf(april, zone)[0], april);
    // 2026-03-29 loses an hour in Berlin: March is 31 days less one hour.
    assert.equal(april - march, 31 * 86_400_000 - 3_600_000);
  });
});
