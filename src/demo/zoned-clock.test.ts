import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInstant } from '../model/instant.js';
import { createZonedClock, daysFromCivil, weekday } from './zoned-clock.js';

const ny = createZonedClock('America/New_York');

test('wall-clock times get the offset in force that day (DST)', () => {
  const at9 = (y: number, m: number, d: number) =>
    ny.format(ny.toUtc(daysFromCivil(y, m, d), 9 * 60));
  assert.equal(at9(2026, 3, 7), '2026-03-07T09:00:00-05:00');
  assert.equal(at9(2026, 3, 8), '2026-03-08T09:00:00-04:00');
  assert.equal(at9(2026, 10, 31), '2026-10-31T09:00:00-04:00');
  assert.equal(at9(2026, 11, 1), '2026-11-01T09:00:00-05:00');
});

test('formatted instants read back to the same instant', () => {
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 * 7 + 12_345_000) {
    const t = Math.floor(ms / 1000) * 1000;
    assert.equal(parseInstant(ny.format(t), 'UTC'), t);
  }
});

test('local days and weekdays', () => {
  const day = daysFromCivil(2026, 11, 23);
  assert.equal(weekday(day), 1);
  assert.equal(ny.localDay(Date.parse('2026-11-24T03:00:00Z')), day);
  const utc = createZonedClock('UTC');
  assert.equal(utc.format(Date.parse('2026-01-02T03:04:05Z')), '2026-01-02T03:04:05+00:00');
});
