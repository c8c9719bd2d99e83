import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantRange } from './instant-range.js';
import { parseInstant } from './instant.js';

const NOW = Date.UTC(2026, 11, 2);
const range = instantRange(NOW, {});

describe('parseInstant', () => {
  it('rejects dates not in the calendar, even with 24:00', () => {
    assert.match(String(parseInstant('2026-02-30T24:00:00Z', 'UTC', range)), /not a calendar date/);
    assert.match(String(parseInstant('2026-02-29T10:00:00Z', 'UTC', range)), /not a calendar date/);
    assert.equal(parseInstant('2024-02-29T10:00:00Z', 'UTC', range), Date.UTC(2024, 1, 29, 10));
    // 24:00 of a real date is the next midnight; 24:30 does not exist.
    assert.equal(parseInstant('2026-02-28T24:00:00Z', 'UTC', range), Date.UTC(2026, 2, 1));
    assert.match(String(parseInstant('2026-02-28T24:30:00Z', 'UTC', range)), /out of range/);
    assert.equal(
      parseInstant('2026-03-28T24:00:00', 'Europe/Berlin', range),
      Date.UTC(2026, 2, 28, 23),
    );
  });

  it('rejects UTC offsets beyond ±14:00', () => {
    for (const t of [
      '2026-03-01T10:00:00+25:00',
      '2026-03-01T10:00:00+99:99',
      '2026-03-01T10:00:00-14:30',
      '2026-03-01T10:00:00+05:60',
    ]) {
      assert.match(String(parseInstant(t, 'UTC', range)), /UTC offset out of range/, t);
    }
    assert.equal(parseInstant('2026-03-01T10:00:00+14:00', 'UTC', range), Date.UTC(2026, 2, 0, 20));
    assert.equal(parseInstant('2026-03-01T10:00:00-12:00', 'UTC', range), Date.UTC(2026, 2, 1, 22));
  });

  it('rejects years before 1900 (0026 is not 1926) and more than two years ahead', () => {
    assert.match(String(parseInstant('0026-05-01T10:00:00Z', 'UTC', range)), /before 1900-01-01/);
    assert.match(String(parseInstant('0000-01-01T00:00:00Z', 'UTC', range)), /before 1900-01-01/);
    assert.match(String(parseInstant('1899-12-31T23:59:59Z', 'UTC', range)), /before 1900/);
    assert.equal(parseInstant('1900-01-01T00:00:00Z', 'UTC', range), Date.UTC(1900, 0, 1));
    assert.equal(parseInstant('2028-12-02T00:00:00Z', 'UTC', range), Date.UTC(2028, 11, 2));
    assert.match(String(parseInstant('2028-12-02T00:00:01Z', 'UTC', range)), /after 2028-12-02/);
    // null: no range (the caller checks none); the year 26 is read as 26, not 1926.
    assert.equal(
      parseInstant('0026-05-01T00:00:00Z', 'UTC', null),
      Date.UTC(2000, 4, 1) - (1974 * 365 + 479) * 86_400_000,
    );
  });

  it('takes the range from the environment', () => {
    const wide = instantRange(NOW, { RAPPORT_EARLIEST_YEAR: '1950', RAPPORT_YEARS_AHEAD: '10' });
    assert.match(String(parseInstant('1920-01-01T00:00:00Z', 'UTC', wide)), /before 1950-01-01/);
    assert.equal(parseInstant('2036-01-01T00:00:00Z', 'UTC', wide), Date.UTC(2036, 0, 1));
    assert.deepEqual(instantRange(NOW, { RAPPORT_EARLIEST_YEAR: 'x' }), range);
  });
});
