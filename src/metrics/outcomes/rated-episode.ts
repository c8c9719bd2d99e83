import type { Instrument } from './instruments.js';
import { ratedIn, type OutcomeScope } from './outcome-parts.js';
import type { ScoredEpisode } from './read-episodes.js';

/**
 * An episode rated in a period, as the Outcomes report's change, severity and therapist spread
 * need it: the therapist it is attributed to, whether it improved, its paired scores.
 */
export interface RatedEpisode {
  therapist: string;
  improved: boolean;
  paired: Partial<Record<Instrument, { baseline: number; latest: number }>>;
}

/** The episodes whose latest score lies in [start, end), attributed within the scope (`ratedIn`). */
export function ratedEpisodes(
  episodes: readonly ScoredEpisode[],
  start: number,
  end: number,
  scope: OutcomeScope,
): RatedEpisode[] {
  return episodes.flatMap((e) => {
    const ref = ratedIn(e, start, end, scope);
    if (!ref) return [];
    const paired: RatedEpisode['paired'] = {};
    for (const [i, p] of Object.entries(e.outcome.paired)) {
      paired[i as Instrument] = { baseline: p.baseline, latest: p.latest };
    }
    return [{ therapist: ref.therapist, improved: e.outcome.improved, paired }];
  });
}
