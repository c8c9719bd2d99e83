import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { Grouping, PartValues } from '../engine/grouping.js';
import type { FilterTerm } from '../engine/kpi-filter.js';
import { episodesServe, outcomePartsFromRollups } from '../rollups/episodes-from-rollups.js';
import { outcomeParts, type OutcomeScope } from './outcome-parts.js';
import { readEpisodes } from './read-episodes.js';

/** The filter terms of a KPI request as an outcome scope. */
export const scopeOf = (filters: readonly FilterTerm[]): OutcomeScope =>
  Object.fromEntries(filters.map((f) => [f.dim, f.value]));

/**
 * The `outcomes` special for computeKpis: from the episode rollups when they are current
 * (`rollupZone`, the zone they were built in) and serve the grouping (bucket edges at local
 * months there, see episodesServe), else the episodes of the grouping's span read from the
 * records, then their parts. Both give the same parts.
 */
export async function outcomeSpecial(
  db: Db,
  practice: Practice,
  grouping: Grouping,
  filters: readonly FilterTerm[],
  rollupZone: string | null = null,
): Promise<PartValues> {
  if (rollupZone !== null && episodesServe(grouping, rollupZone)) {
    return outcomePartsFromRollups(db, practice.practice_id, grouping, scopeOf(filters));
  }
  const b = grouping.buckets;
  const episodes = await readEpisodes(db, practice, b[0]!.start, b[b.length - 1]!.end);
  return outcomeParts(episodes, grouping, scopeOf(filters));
}
