import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstMatchRetained } from './first-match-retention.js';

const DAY = 86_400_000;
const s1 = Date.parse('2026-01-05T10:00:00Z');
const at = (days: number, therapist = 't1') => ({ at: s1 + days * DAY, therapist });

describe('firstMatchRetained', () => {
  it('four sessions inside 90 days, all with the first therapist: retained', () => {
    assert.equal(firstMatchRetained([at(0), at(7), at(14), at(21)]), true);
  });
  it('three sessions are not enough', () => {
    assert.equal(firstMatchRetained([at(0), at(7), at(14)]), false);
  });
  it('a switch at the third session: not retained, even with four sessions after it', () => {
    assert.equal(firstMatchRetained([at(0), at(7), at(14, 't2'), at(21), at(28), at(35)]), false);
  });
  it('any session with another therapist inside the window breaks it, even the fifth', () => {
    assert.equal(firstMatchRetained([at(0), at(7), at(14), at(21), at(28, 't2')]), false);
  });
  it('the window is half-open: a fourth session exactly 90 days later does not count', () => {
    assert.equal(firstMatchRetained([at(0), at(30), at(60), at(90)]), false);
    assert.equal(
      firstMatchRetained([at(0), at(30), at(60), { at: s1 + 90 * DAY - 1, therapist: 't1' }]),
      true,
    );
  });
  it('another therapist after the window does not matter', () => {
    assert.equal(firstMatchRetained([at(0), at(1), at(2), at(3), at(90, 't2')]), true);
  });
  it('no session: not retained', () => {
    assert.equal(firstMatchRetained([]), false);
  });
});
