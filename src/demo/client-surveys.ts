import type { EntityName } from '../model/entities.js';
import type { SimClient } from './client-profile.js';
import type { JourneyContext } from './client-journey.js';
import type { Row } from './row-buffer.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-clock.js';

export interface CompletedSession {
  start: number;
  end: number;
}

const FIVE = [3, 4, 10, 35, 48];
const TEN = [1, 1, 1, 1, 2, 3, 8, 20, 28, 35];

/**
 * A client's survey answers: in about a third of the months they were seen, a satisfaction
 * answer (5-point, or 10-point for some clients); PHQ-9 scores every fourth session for some.
 */
export function clientSurveys(
  ctx: JourneyContext,
  c: SimClient,
  sessions: readonly CompletedSession[],
  out: Array<[EntityName, Row]>,
): void {
  const { rng, plan } = ctx;
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
  if (c.tracksPhq9) {
    const base = rng.range(8, 20);
    for (let k = 0; k < sessions.length; k += 4) {
      const score = Math.round(base - 0.5 * k + 2 * rng.normal());
      const at = sessions[k]!.start - rng.range(10, 120) * MINUTE_MS;
      push(at, Math.max(0, Math.min(27, score)), '27', 'phq9');
    }
  }
}

function monthOf(day: number): [number, number] {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth()];
}
