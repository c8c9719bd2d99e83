import type { EntityName } from '../model/entities.js';
import type { SimClient } from './client-profile.js';
import type { JourneyContext } from './client-journey.js';
import type { Row } from './row-buffer.js';
import { drawOutcomeProfile, outcomeScores, type CompletedSession } from './outcome-trajectory.js';
import { DAY_MS, HOUR_MS } from './zoned-clock.js';

export type { CompletedSession } from './outcome-trajectory.js';

const MAX_OF = { phq9: '27', gad7: '21' } as const;
const FIVE = [3, 4, 10, 35, 48];
const TEN = [1, 1, 1, 1, 2, 3, 8, 20, 28, 35];

/**
 * A client's survey answers: in about a third of the months they were seen, a satisfaction
 * answer (5-point, or 10-point for some clients); PHQ-9 and GAD-7 totals along the episode
 * (`outcome-trajectory.ts`, drawn from their own random stream).
 */
export function clientSurveys(
  ctx: JourneyContext,
  c: SimClient,
  sessions: readonly CompletedSession[],
  completed: boolean,
  out: Array<[EntityName, Row]>,
): void {
  const { rng, plan, outcomeRng } = ctx;
  const { clock, windowEnd } = plan;
  const push = (at: number, score: number, scaleMax: string, instrument: string) => {
    if (at >= windowEnd || at < c.createdAt) return;
    out.push([
      'surveys',
      {
        response_id: ctx.nextId('survey'),
        client_id: c.id,
        responded_at: clock.format(at),
        score: String(score),
        scale_max: scaleMax,
        instrument,
      },
    ]);
  };
  const months = new Map<number, CompletedSession>();
  for (const s of sessions) {
    const [y, m] = monthOf(clock.localDay(s.start));
    months.set(y * 12 + m, s);
  }
  for (const s of months.values()) {
    if (!rng.chance(c.surveyChance)) continue;
    const at = s.end + rng.range(1, 96) * HOUR_MS;
    if (c.tenPointScale) push(at, rng.weighted(TEN) + 1, '10', 'csat');
    else
      push(at, rng.weighted(FIVE) + 1, rng.chance(0.5) ? '5' : '', rng.chance(0.5) ? 'csat' : '');
  }
  const profile = drawOutcomeProfile(outcomeRng, c);
  const scores = outcomeScores(outcomeRng, profile, sessions, {
    neuro: c.neuro,
    completed,
    createdAt: c.createdAt,
  });
  for (const s of scores)
    push(s.at, s.score, outcomeRng.chance(0.5) ? '' : MAX_OF[s.instrument], s.instrument);
}

function monthOf(day: number): [number, number] {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth()];
}
