import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { episodeOutcome } from './episode-outcome.js';
import { episodesOf, type OutcomeScore, type OutcomeSession } from './episodes-of.js';

const DAY = 86_400_000;
const W = 90 * DAY;
const t0 = Date.parse('2026-01-05T10:00:00Z');
const day = (n: number) => t0 + n * DAY;
const s = (n: number, therapist = 't1'): OutcomeSession => ({
  at: day(n),
  therapist,
  service: null,
});
const phq = (n: number, score: number): OutcomeScore => ({ at: day(n), instrument: 'phq9', score });
const gad = (n: number, score: number): OutcomeScore => ({ at: day(n), instrument: 'gad7', score });
const one = (sessions: OutcomeSession[], scores: OutcomeScore[]) => {
  const eps = episodesOf('c', null, sessions, scores, W);
  assert.equal(eps.length, 1);
  return episodeOutcome(eps[0]!);
};

describe('episodesOf', () => {
  it('splits at a gap longer than the active window, not at one equal to it', () => {
    // Sessions on days 0, 90 (exactly W later: same episode), 181 (91 days later: a new one).
    const eps = episodesOf('c', null, [s(0), s(90), s(181)], [], W);
    assert.deepEqual(
      eps.map((e) => e.sessions.length),
      [2, 1],
    );
  });

  it('takes a score up to 14 days before the first session, and follow-ups within W', () => {
    const eps = episodesOf(
      'c',
      null,
      [s(0), s(7)],
      [phq(-15, 20), phq(-14, 19), phq(7, 9), phq(97, 8), phq(98, 1)],
      W,
    );
    // day −15 is too early; −14 counts; day 97 = last session (7) + 90 counts; day 98 does not.
    assert.deepEqual(
      eps[0]!.scores.map((q) => q.score),
      [19, 9, 8],
    );
  });
});

describe('episodeOutcome', () => {
  it('reliable improvement on PHQ-9 with no reliable deterioration on GAD-7', () => {
    // PHQ-9 15 → 9 (−6: reliable); GAD-7 6 → 9 (+3 < 4: not reliable).
    const o = one([s(0), s(7)], [phq(0, 15), gad(0, 6), phq(7, 9), gad(7, 9)]);
    assert.deepEqual(
      [o.improved, o.deteriorated, o.caseness, o.recovered],
      [true, false, true, false],
    );
    // GAD-7 +4 instead: reliable both ways: neither improved nor deteriorated.
    const both = one([s(0), s(7)], [phq(0, 15), gad(0, 6), phq(7, 9), gad(7, 10)]);
    assert.deepEqual([both.improved, both.deteriorated], [false, false]);
  });

  it('needs two completed sessions and two scores that count', () => {
    assert.equal(one([s(0)], [phq(0, 15), phq(1, 3)]).latestAt, null);
    assert.equal(one([s(0)], [phq(0, 15), phq(1, 3)]).eligible, false);
    const single = one([s(0), s(7)], [phq(0, 15)]);
    assert.deepEqual([single.latestAt, single.eligible, single.missing], [null, true, 'one_score']);
    assert.equal(one([s(0), s(7)], []).missing, 'no_scores');
    // Two scores before the first session: the second is no change during care.
    assert.equal(one([s(0), s(7)], [phq(-10, 15), phq(-5, 3)]).latestAt, null);
  });

  it('several scores on one day: the first is the baseline, the last the latest', () => {
    const o = one([s(0), s(7)], [phq(0, 15), phq(0, 14), phq(7, 12), phq(7, 8)]);
    assert.deepEqual(o.paired.phq9, { baseline: 15, latest: 8, latestAt: day(7) });
  });

  it('response at exactly half, no remission at exactly 5', () => {
    const half = one([s(0), s(7)], [phq(0, 10), phq(7, 5)]);
    assert.deepEqual([half.phq9Response, half.phq9Remission], [true, false]);
    const four = one([s(0), s(7)], [phq(0, 10), phq(7, 4)]);
    assert.deepEqual([four.phq9Response, four.phq9Remission], [true, true]);
    // 11 → 6: more than half (6 × 2 = 12 > 11).
    assert.equal(one([s(0), s(7)], [phq(0, 11), phq(7, 6)]).phq9Response, false);
  });

  it('recovery asks every paired instrument, even one not at caseness at baseline', () => {
    // GAD-7 12 → 5 (case, recovers); PHQ-9 6 → 11 (not a case at baseline, one at the end).
    const o = one([s(0), s(7)], [gad(0, 12), phq(0, 6), gad(7, 5), phq(7, 11)]);
    assert.deepEqual([o.caseness, o.recovered], [true, false]);
  });
});
