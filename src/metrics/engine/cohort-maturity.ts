import { FIRST_MATCH_WINDOW_MS } from './first-match-retention.js';

const DAY = 86_400_000;

/** A new client enters second_session_return_rate once this long has passed since its first session. */
export const RETURN_MATURES_MS = 30 * DAY;
/** ... and rematch_rate once this long has passed, or once it has had its third session. */
export const REMATCH_MATURES_MS = 60 * DAY;
/** ... and first_match_retention_rate once its whole first-match window (90 days) has passed. */
export const FIRST_MATCH_MATURES_MS = FIRST_MATCH_WINDOW_MS;

/**
 * Whether a new client's return, rematch and first-match outcomes are settled at `end`, the
 * end of the practice's data (kpi-spec, "Cohorts that have not matured"); `sessions` are its
 * first completed sessions ever, in time order (at least the first; the third when it had one).
 * A client new by its intake date is measured from its first completed session too; without
 * one it has nothing to settle.
 */
export function cohortMaturity(
  sessions: readonly { at: number }[],
  end: number,
): { returnMatured: boolean; rematchMatured: boolean; firstMatchMatured: boolean } {
  const [s1, , s3] = sessions;
  if (!s1) return { returnMatured: false, rematchMatured: false, firstMatchMatured: false };
  return {
    returnMatured: end - s1.at >= RETURN_MATURES_MS,
    rematchMatured: end - s1.at >= REMATCH_MATURES_MS || (s3 !== undefined && s3.at <= end),
    firstMatchMatured: end - s1.at >= FIRST_MATCH_MATURES_MS,
  };
}
