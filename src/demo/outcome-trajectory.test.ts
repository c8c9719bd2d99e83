import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawOutcomeProfile, outcomeScores, type OutcomeProfile } from './outcome-trajectory.js';
import { createRng, type Rng } from './prng.js';

const DAY = 86_400_000;
const MIN = 60_000;
/** A generator without noise: every range gives its low end, every normal draw 0. */
const flat: Rng = {
  next: () => 0.5,
  range: (a) => a,
  int: (a) => a,
  chance: () => false,
  pick: (xs) => xs[0]!,
  weighted: () => 0,
  logNormal: (m) => m,
  normal: () => 0,
  fork: () => flat,
};
const profile = (p: Partial<OutcomeProfile> = {}): OutcomeProfile => ({
  baseline: { phq9: 15, gad7: null },
  course: 'responder',
  gain: 0.8,
  worsen: { phq9: 8, gad7: 5 },
  tau: 2,
  every: 1,
  stopAfter: Infinity,
  preAssessment: false,
  final: true,
  priorDose: 0,
  ...p,
});
const t0 = Date.parse('2026-03-02T15:00:00Z');
const weekly = (n: number, fit = 1, missed = 0, gapDays = 7) =>
  Array.from({ length: n }, (_, k) => ({
    start: t0 + k * gapDays * DAY,
    end: t0 + k * gapDays * DAY + 50 * MIN,
    fit,
    missedBefore: k > 0 ? missed : 0,
  }));
const opts = { neuro: false, completed: true, createdAt: t0 - 3 * DAY };
const totals = (p: OutcomeProfile, s: ReturnType<typeof weekly>) =>
  outcomeScores(flat, p, s, opts).map((x) => x.score);

test('a responder with a perfect fit improves session by session', () => {
  // Each session adds 0.3 + 0.9 × 1 = 1.2 of dose; score = 15 × (1 − 0.8 × (1 − e^(−dose/2))):
  // dose 0 → 15; 1.2 → 15 × (1 − 0.8 × 0.4512) = 9.59 → 10; 2.4 → 15 × (1 − 0.8 × 0.6988)
  // = 6.61 → 7; after the last, 3.6 → 15 × (1 − 0.8 × 0.8347) = 4.98 → 5 (end of treatment).
  assert.deepEqual(totals(profile(), weekly(3)), [15, 10, 7, 5]);
  const s = outcomeScores(flat, profile(), weekly(3), opts);
  assert.equal(s[0]!.at, t0 - 10 * MIN);
  assert.equal(s[3]!.at, t0 + 14 * DAY + 50 * MIN + 2 * 3_600_000);
});

test('a poor fit, missed sessions and long gaps slow the improvement', () => {
  // fit 0.3: dose 0.3 + 0.27 = 0.57 per session, cap 0.1 + 1.05 × 0.3 = 0.415 of the gain:
  // 15 × (1 − 0.8 × 0.415 × (1 − e^(−0.285))) = 15 × (1 − 0.332 × 0.2480) = 13.76 → 14.
  assert.deepEqual(totals(profile(), weekly(2, 0.3)).slice(0, 2), [15, 14]);
  // fit 1, a 35-day gap and two no-shows: 1.2 × e^(−(35 − 21)/45) = 0.879, − 2 × 0.35 = 0.179:
  // 15 × (1 − 0.8 × (1 − e^(−0.0896))) = 15 × (1 − 0.8 × 0.0857) = 13.97 → 14.
  assert.deepEqual(totals(profile(), weekly(2, 1, 2, 35)).slice(0, 2), [15, 14]);
});

test('a deteriorator gets worse; answers stop, skip sessions and start with a pre-assessment', () => {
  // 15 + 8 × (1 − e^(−1.2/2)) = 15 + 8 × 0.4512 = 18.6 → 19
  assert.deepEqual(totals(profile({ course: 'deteriorator' }), weekly(2)).slice(0, 2), [15, 19]);
  assert.equal(totals(profile({ stopAfter: 2 }), weekly(4)).length, 2);
  // every other session: before sessions 1 and 3, and the end-of-treatment answer
  assert.equal(totals(profile({ every: 2 }), weekly(4)).length, 3);
  // the pre-assessment is half a day before the first session (the low end of 0.5–10 days)
  const pre = outcomeScores(flat, profile({ preAssessment: true }), weekly(2), opts);
  assert.equal(pre[0]!.at, t0 - 0.5 * DAY);
  const none = profile({ baseline: { phq9: null, gad7: null } });
  assert.deepEqual(outcomeScores(flat, none, weekly(3), opts), []);
});

test('drawn profiles: most at caseness, scores within each instrument range', () => {
  const rng = createRng(5);
  let caseness = 0;
  let filled = 0;
  for (let k = 0; k < 2000; k++) {
    const p = drawOutcomeProfile(rng, { need: 'anxiety', neuro: false, continuing: false });
    const { phq9, gad7 } = p.baseline;
    if (phq9 === null && gad7 === null) continue;
    filled++;
    if ((phq9 ?? 0) >= 10 || (gad7 ?? 0) >= 8) caseness++;
    for (const s of outcomeScores(rng, p, weekly(6, rng.next()), opts)) {
      assert.ok(Number.isInteger(s.score) && s.score >= 0);
      assert.ok(s.score <= (s.instrument === 'phq9' ? 27 : 21));
    }
  }
  assert.ok(filled > 1700 && filled < 1940, `filled ${filled}`);
  assert.ok(caseness / filled > 0.8, `caseness ${caseness / filled}`);
});
