import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohortMaturity } from './cohort-maturity.js';

const DAY = 86_400_000;
const s1 = Date.parse('2026-01-01T10:00:00Z');

describe('cohortMaturity', () => {
  it('return matures at exactly 30 days, rematch at 60 days', () => {
    assert.deepEqual(cohortMaturity([{ at: s1 }], s1 + 30 * DAY - 1), {
      returnMatured: false,
      rematchMatured: false,
      firstMatchMatured: false,
    });
    assert.deepEqual(cohortMaturity([{ at: s1 }], s1 + 30 * DAY), {
      returnMatured: true,
      rematchMatured: false,
      firstMatchMatured: false,
    });
    assert.deepEqual(cohortMaturity([{ at: s1 }], s1 + 60 * DAY), {
      returnMatured: true,
      rematchMatured: true,
      firstMatchMatured: false,
    });
  });
  it('a third session by the end of the data settles rematch early, one after it does not', () => {
    const three = [{ at: s1 }, { at: s1 + DAY }, { at: s1 + 2 * DAY }];
    assert.equal(cohortMaturity(three, s1 + 2 * DAY).rematchMatured, true);
    assert.equal(cohortMaturity(three, s1 + 2 * DAY - 1).rematchMatured, false);
    assert.equal(cohortMaturity(three, s1 + 2 * DAY).returnMatured, false);
  });
  it('no session: nothing matured', () => {
    assert.deepEqual(cohortMaturity([], s1), {
      returnMatured: false,
      rematchMatured: false,
      firstMatchMatured: false,
    });
  });
  it('first-match retention matures at exactly 90 days, whatever the sessions', () => {
    const four = [{ at: s1 }, { at: s1 + DAY }, { at: s1 + 2 * DAY }, { at: s1 + 3 * DAY }];
    assert.equal(cohortMaturity(four, s1 + 90 * DAY - 1).firstMatchMatured, false);
    assert.equal(cohortMaturity(four, s1 + 90 * DAY).firstMatchMatured, true);
    // 60 days before the end of the data: still maturing.
    assert.equal(cohortMaturity([{ at: s1 }], s1 + 60 * DAY).firstMatchMatured, false);
  });
});
