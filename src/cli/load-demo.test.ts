import assert from 'node:assert/strict';
import { test } from 'node:test';
import { yesterdayIn } from './load-demo.js';

test('the demo ends yesterday in the practice time zone', () => {
  // 2026-12-02 03:00 UTC is 22:00 on 1 December in New York (UTC−5) and 16:00 on 2 December in
  // Auckland (UTC+13): yesterday is 30 November in one, 1 December in the other.
  const at = Date.parse('2026-12-02T03:00:00Z');
  assert.equal(yesterdayIn('America/New_York', at), '2026-11-30');
  assert.equal(yesterdayIn('Pacific/Auckland', at), '2026-12-01');
  // Across the start of a month and of a year.
  assert.equal(yesterdayIn('UTC', Date.parse('2027-01-01T00:00:00Z')), '2026-12-31');
});
