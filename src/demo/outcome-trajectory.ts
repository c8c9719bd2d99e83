import type { Rng } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-clock.js';

/** A completed session as the outcome simulation sees it. */
export interface CompletedSession {
  start: number;
  end: number;
  /** `therapyFit` of the client with this session's therapist (0 … 1). */
  fit: number;
  /** No-shows and late cancellations since the previous completed session. */
  missedBefore: number;
}

export type Instrument = 'phq9' | 'gad7';

/** One questionnaire total, at an instant. */
export interface OutcomeScore {
  at: number;
  instrument: Instrument;
  score: number;
}

/** The hidden traits that shape one client's PHQ-9 / GAD-7 answers. */
export interface OutcomeProfile {
  /** True baseline severity per instrument; null when the client never fills that one. */
  baseline: Record<Instrument, number | null>;
  course: 'responder' | 'plateau' | 'deteriorator';
  /** Share of the baseline gone at full effect (responders and plateaus, at a perfect fit). */
  gain: number;
  /** Points added at full effect (deteriorators). */
  worsen: Record<Instrument, number>;
  /** Sessions of dose to about 63 % of the full effect. */
  tau: number;
  /** Answers before every `every`-th session. */
  every: number;
  /** Stops answering after this many questionnaires (Infinity: never stops). */
  stopAfter: number;
  /** The first answer is a pre-assessment days before the first session. */
  preAssessment: boolean;
  /** Fills an end-of-treatment questionnaire when the planned sessions are done. */
  final: boolean;
  /** Dose already received before the data starts (clients already in care). */
  priorDose: number;
}

const MAX: Record<Instrument, number> = { phq9: 27, gad7: 21 };
/** Day-to-day noise of a total around its trend, per instrument. */
const NOISE: Record<Instrument, number> = { phq9: 1.6, gad7: 1.3 };
/** Gaps between sessions up to this long cost nothing; longer ones fade the dose. */
const GRACE_DAYS = 21;

const clampScore = (x: number, instrument: Instrument): number =>
  Math.max(0, Math.min(MAX[instrument], Math.round(x)));

/**
 * Draws a client's outcome traits: a baseline severity mix (most at caseness, some below, a few
 * severe; GAD-7 leaning higher for anxiety and stress, PHQ-9 for depression and grief), which
 * questionnaires they fill (about one in twelve fills none), how often, whether they stop, and
 * their course (most improve, some plateau, a few get worse).
 */
export function drawOutcomeProfile(
  rng: Rng,
  c: { need: string; neuro: boolean; continuing: boolean },
): OutcomeProfile {
  const u = rng.next();
  const mild = c.need === 'adhd' || c.need === 'couples' ? 0.25 : 0.09;
  const phq = u < mild ? rng.int(2, 9) : u < 0.82 ? rng.int(10, 19) : rng.int(20, 26);
  const lean =
    c.need === 'anxiety' || c.need === 'stress' || c.need === 'ocd'
      ? 2.5
      : c.need === 'depression' || c.need === 'grief'
        ? -2
        : 0;
  const gad = clampScore((phq * 21) / 27 + 1 + lean + 2.2 * rng.normal(), 'gad7');
  const fills = rng.next();
  const baseline: Record<Instrument, number | null> =
    fills < 0.08
      ? { phq9: null, gad7: null }
      : fills < 0.2
        ? { phq9: phq, gad7: null }
        : fills < 0.28
          ? { phq9: null, gad7: gad }
          : { phq9: phq, gad7: gad };
  const v = rng.next();
  const course = v < 0.06 ? 'deteriorator' : v < 0.18 ? 'plateau' : 'responder';
  return {
    baseline,
    course,
    gain: course === 'plateau' ? rng.range(0.05, 0.25) : rng.range(0.55, 0.95),
    worsen: { phq9: rng.range(6, 11), gad7: rng.range(4, 8) },
    tau: rng.range(1, 2.5),
    every: c.neuro ? rng.pick([2, 3, 4]) : [1, 2, 3][rng.weighted([60, 25, 15])]!,
    stopAfter: rng.chance(0.12) ? rng.int(1, 4) : Infinity,
    preAssessment: !c.continuing && rng.chance(0.3),
    final: rng.chance(0.7),
    priorDose: c.continuing ? rng.range(0.5, 3) : 0,
  };
}

/**
 * The questionnaire answers of one episode. Each answer, shortly before a session, reads the
 * dose received so far: every completed session adds to it (more with a better-fitting
 * therapist; half as much for the short neurofeedback sessions), every no-show or late
 * cancellation takes some away, and a gap over three weeks lets it fade. The fit of the current
 * therapist also caps how far the client can get.
 */
export function outcomeScores(
  rng: Rng,
  p: OutcomeProfile,
  sessions: readonly CompletedSession[],
  opts: { neuro: boolean; completed: boolean; createdAt: number },
): OutcomeScore[] {
  const out: OutcomeScore[] = [];
  const instruments = (['phq9', 'gad7'] as const).filter((i) => p.baseline[i] !== null);
  if (instruments.length === 0 || sessions.length === 0) return out;
  let answered = 0;
  const answer = (at: number, dose: number, fit: number) => {
    if (answered >= p.stopAfter) return;
    answered++;
    const effect = 1 - Math.exp(-dose / p.tau);
    const shared = rng.normal();
    for (const i of instruments) {
      const b = p.baseline[i]!;
      const trend =
        p.course === 'deteriorator'
          ? b + p.worsen[i] * effect
          : b * (1 - Math.min(0.95, p.gain * Math.min(1, 0.1 + 1.05 * fit) * effect));
      const noise = NOISE[i] * (0.6 * shared + 0.8 * rng.normal());
      out.push({ at, instrument: i, score: clampScore(trend + noise, i) });
    }
  };
  const perSession = opts.neuro ? 0.5 : 1;
  let dose = p.priorDose;
  let prevStart = 0;
  for (let k = 0; k < sessions.length; k++) {
    const s = sessions[k]!;
    if (k > 0) {
      const gap = (s.start - prevStart) / DAY_MS;
      if (gap > GRACE_DAYS) dose *= Math.exp(-(gap - GRACE_DAYS) / 45);
    }
    dose = Math.max(0, dose - 0.35 * s.missedBefore);
    prevStart = s.start;
    if (k % p.every === 0) {
      let at = s.start - rng.range(10, 120) * MINUTE_MS;
      if (k === 0 && p.preAssessment) {
        const pre = s.start - rng.range(0.5, 10) * DAY_MS;
        at =
          pre > opts.createdAt ? pre : Math.max(at, opts.createdAt + rng.range(5, 60) * MINUTE_MS);
        if (at >= s.start) at = s.start - 10 * MINUTE_MS;
      }
      answer(at, dose, s.fit);
    }
    dose += perSession * (0.3 + 0.9 * s.fit);
  }
  if (opts.completed && p.final) {
    const last = sessions[sessions.length - 1]!;
    answer(last.end + rng.range(2, 120) * HOUR_MS, dose, last.fit);
  }
  return out;
}
