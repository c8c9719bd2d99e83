import { AppError } from '../../model/app-error.js';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { ScoredEpisode } from '../outcomes/read-episodes.js';
import { lastIn, passes, ratedIn, type OutcomeScope } from '../outcomes/outcome-parts.js';
import { readEpisodes } from '../outcomes/read-episodes.js';
import { INSTRUMENTS } from '../outcomes/instruments.js';
import type { Period } from '../periods/period.js';
import { localDay, pageOf, nextOffset, type Listing, type Page } from './listing.js';

/** The rate parts: an episode counts in the period of its latest score, by this flag. */
const RATE_FLAGS: Record<string, (e: ScoredEpisode) => boolean> = {
  with_outcome: () => true,
  improved: (e) => e.outcome.improved,
  deteriorated: (e) => e.outcome.deteriorated,
  caseness: (e) => e.outcome.caseness,
  recovered: (e) => e.outcome.recovered,
  reliably_recovered: (e) => e.outcome.reliablyRecovered,
  phq9_caseness: (e) => e.outcome.phq9Caseness,
  phq9_response: (e) => e.outcome.phq9Response,
  phq9_remission: (e) => e.outcome.phq9Remission,
};

/** The coverage parts: an eligible episode counts in a period with one of its sessions. */
const COVER_FLAGS: Record<string, (e: ScoredEpisode) => boolean> = {
  eligible: () => true,
  covered: (e) => e.outcome.latestAt !== null,
  uncovered_no_scores: (e) => e.outcome.latestAt === null && e.outcome.missing === 'no_scores',
  uncovered_one_score: (e) => e.outcome.latestAt === null && e.outcome.missing === 'one_score',
};

/** Whether an episode counts in `output` for the period under the scope: outcome-parts' rule. */
function counts(e: ScoredEpisode, output: string, period: Period, scope: OutcomeScope) {
  const rate = RATE_FLAGS[output];
  if (rate) return ratedIn(e, period.start, period.end, scope) !== undefined && rate(e);
  const cover = COVER_FLAGS[output];
  if (!cover || !e.outcome.eligible) return false;
  const ref = lastIn(e.episode.sessions, period.start, period.end);
  if (!ref) return false;
  return passes(scope, ref, e.episode.channel) && cover(e);
}

/**
 * The episodes of care behind an outcome KPI, by the outcome parts' own rules (`ratedIn` for
 * the rates, the last session of the period for coverage): the pseudonymous client, the
 * episode's first and last session, per instrument the baseline and latest score, and the
 * flags. Refused like the figure itself when its denominator has 1 to `suppressBelow - 1`
 * episodes: fewer than that are never shown, not even as records.
 */
export async function listEpisodes(
  db: Db,
  practice: Practice,
  period: Period,
  scope: OutcomeScope,
  plan: { output: string; part: string },
  denominatorOutput: string | null,
  suppressBelow: number | undefined,
  page: Page,
): Promise<Listing> {
  const all = await readEpisodes(db, practice, period.start, period.end);
  if (suppressBelow !== undefined && denominatorOutput !== null) {
    const den = all.filter((e) => counts(e, denominatorOutput, period, scope)).length;
    if (den > 0 && den < suppressBelow) {
      throw new AppError('UNPROCESSABLE', `fewer than ${suppressBelow} episodes: not shown`, {
        code: 'suppressed',
      });
    }
  }
  const zone = period.timezone;
  const listed = all
    .filter((e) => counts(e, plan.output, period, scope))
    .map((e) => {
      const s = e.episode.sessions;
      const o = e.outcome;
      const row: Record<string, string | number | null> = {
        client_id: e.episode.clientId,
        first_session: localDay(s[0]?.at ?? null, zone),
        last_session: localDay(s[s.length - 1]?.at ?? null, zone),
        sessions: s.length,
      };
      for (const i of INSTRUMENTS) {
        row[`${i}_baseline`] = o.paired[i]?.baseline ?? null;
        row[`${i}_latest`] = o.paired[i]?.latest ?? null;
      }
      row.latest_score_at = localDay(o.latestAt, zone);
      row.improved = Number(o.improved);
      row.deteriorated = Number(o.deteriorated);
      row.recovered = Number(o.recovered);
      row.reliably_recovered = Number(o.reliablyRecovered);
      row.missing = o.missing;
      row[plan.part] = 1;
      return row;
    })
    .sort(
      (a, b) =>
        String(a.first_session).localeCompare(String(b.first_session)) ||
        String(a.client_id).localeCompare(String(b.client_id)),
    );
  const records = pageOf(listed, page);
  return {
    records_of: 'episodes',
    total: listed.length,
    figure: listed.length,
    columns: [
      'client_id',
      'first_session',
      'last_session',
      'sessions',
      ...INSTRUMENTS.flatMap((i) => [`${i}_baseline`, `${i}_latest`]),
      'latest_score_at',
      'improved',
      'deteriorated',
      'recovered',
      'reliably_recovered',
      'missing',
      plan.part,
    ],
    records,
    next_offset: nextOffset(page, records.length, listed.length),
  };
}
