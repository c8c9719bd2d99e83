import { sql, type RawBuilder } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../../store/database.js';
import type { Dimension } from '../catalog/catalog.types.js';
import { TOTAL, addPart, dimKey, type Grouping, type PartValues } from '../engine/grouping.js';
import { bucketIndex, matchesKey, ms } from '../engine/sql-fragments.js';
import { FLAG_PARTS } from '../outcomes/episode-rows.js';
import type { OutcomeScope } from '../outcomes/outcome-parts.js';
import type { RatedEpisode } from '../outcomes/rated-episode.js';

const COLUMN: Record<Dimension, string> = {
  therapist: 'therapist_id',
  service: 'service',
  channel: 'channel',
};

/**
 * Whether the episode rollups (built in `zone`) serve the grouping: the rates need only the
 * instants of the latest scores, any edges; coverage is kept per local month of `zone`, so
 * every bucket edge must be the start of a local month there.
 */
export function episodesServe(grouping: Grouping, zone: string): boolean {
  const monthStart = (t: number) => {
    const d = DateTime.fromMillis(t, { zone });
    return d.toMillis() === d.startOf('month').toMillis();
  };
  return grouping.buckets.every((b) => monthStart(b.start) && monthStart(b.end));
}

/** The scope as conditions on a rollup row's attribution (`(none)`: no value). */
function scoped(alias: string, scope: OutcomeScope): RawBuilder<unknown> {
  const terms = (Object.entries(scope) as [Dimension, string | undefined][]).flatMap(([dim, v]) => {
    if (v === undefined) return [];
    return [sql` AND ${matchesKey(sql.ref(`${alias}.${COLUMN[dim]}`), v)}`];
  });
  return sql.join(terms, sql``);
}

/**
 * The outcome parts of outcome-parts.ts `outcomeParts` for a grouping the rollups serve
 * (`episodesServe`), counted in SQL: the rates from rollup_episodes by the period of the latest
 * score, coverage from rollup_episode_months — an episode counts in a range of whole months by
 * the row of its last month in it (no session of it in the range after that month), attributed
 * by that month's last session. The whole counts each episode once, whatever the grouping.
 */
export async function outcomePartsFromRollups(
  db: Db,
  practiceId: string,
  grouping: Grouping,
  scope: OutcomeScope = {},
): Promise<PartValues> {
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  const out: PartValues = new Map([[TOTAL, new Map()]]);
  const timed = grouping.kind === 'time';
  if (timed) for (const b of buckets) out.set(b.key, new Map());
  const byDim = grouping.kind === 'dim';
  const dim = byDim ? sql`, ${sql.ref(`e.${COLUMN[grouping.dim]}`)} AS d` : sql``;
  const groupBy = (...terms: string[]) =>
    terms.length === 0 ? sql`` : sql` GROUP BY ${sql.raw(terms.join(', '))}`;
  const dims = byDim ? ['d'] : [];
  const add = (key: string, part: string, n: unknown) => {
    if (Number(n) > 0) addPart(out, key, part, Number(n));
  };
  // Rates: each episode in the bucket of its latest score, and once in the whole.
  const g = timed ? sql`${bucketIndex('e.latest_at', buckets)} AS g, ` : sql``;
  const { rows: rated } = await sql<Record<string, unknown>>`
    SELECT ${g}COUNT(*) AS with_outcome${dim},
      ${sql.join(FLAG_PARTS.map((f) => sql`SUM(e.${sql.ref(f)}) AS ${sql.ref(f)}`))}
    FROM rollup_episodes e
    WHERE e.practice_id = ${practiceId} AND e.latest_at >= ${ms(start)}
      AND e.latest_at < ${ms(end)}${scoped('e', scope)}${groupBy(...(timed ? ['g'] : []), ...dims)}`.execute(
    db,
  );
  for (const r of rated) {
    const keys = [TOTAL];
    if (timed) keys.push(buckets[Number(r.g)]!.key);
    else if (byDim) keys.push(dimKey(r.d));
    for (const key of keys) {
      add(key, 'with_outcome', r.with_outcome);
      for (const f of FLAG_PARTS) add(key, f, r[f]);
    }
  }
  // Coverage: the row of the episode's last month in the range (the whole; a dimension's
  // group is the attribution of that same row), and in each bucket of its last month there.
  const counts = sql`COUNT(*) AS eligible, SUM(e.covered) AS covered,
      SUM(CASE WHEN e.missing = 'no_scores' THEN 1 ELSE 0 END) AS no_scores,
      SUM(CASE WHEN e.missing = 'one_score' THEN 1 ELSE 0 END) AS one_score`;
  const coverage = (key: string, r: Record<string, unknown>) => {
    add(key, 'eligible', r.eligible);
    add(key, 'covered', r.covered);
    add(key, 'uncovered_no_scores', r.no_scores);
    add(key, 'uncovered_one_score', r.one_score);
  };
  const inRange = sql`e.practice_id = ${practiceId} AND e.last_at >= ${ms(start)}
      AND e.last_at < ${ms(end)}${scoped('e', scope)}`;
  const { rows: whole } = await sql<Record<string, unknown>>`
    SELECT ${counts}${dim}
    FROM rollup_episode_months e
    WHERE ${inRange} AND (e.next_at IS NULL OR e.next_at >= ${ms(end)})${groupBy(...dims)}`.execute(
    db,
  );
  for (const r of whole) {
    coverage(TOTAL, r);
    if (byDim) coverage(dimKey(r.d), r);
  }
  if (timed) {
    const at = bucketIndex('e.last_at', buckets);
    const next = bucketIndex('e.next_at', buckets);
    const { rows: byBucket } = await sql<Record<string, unknown>>`
      SELECT ${at} AS g, ${counts}
      FROM rollup_episode_months e
      WHERE ${inRange}
        AND (e.next_at IS NULL OR e.next_at >= ${ms(end)} OR ${next} <> ${at})
      GROUP BY g`.execute(db);
    for (const r of byBucket) coverage(buckets[Number(r.g)]!.key, r);
  }
  return out;
}

/**
 * The episodes with an outcome whose latest score lies in [start, end), attributed within
 * the scope (outcome-parts.ts `ratedIn`), as the Outcomes report needs them.
 */
export async function ratedFromRollups(
  db: Db,
  practiceId: string,
  start: number,
  end: number,
  scope: OutcomeScope = {},
): Promise<RatedEpisode[]> {
  const { rows } = await sql<{
    therapist: string;
    improved: number;
    pb: number | null;
    pl: number | null;
    gb: number | null;
    gl: number | null;
  }>`SELECT e.therapist_id AS therapist, e.improved AS improved, e.phq9_baseline AS pb,
      e.phq9_latest AS pl, e.gad7_baseline AS gb, e.gad7_latest AS gl
    FROM rollup_episodes e
    WHERE e.practice_id = ${practiceId} AND e.latest_at >= ${ms(start)}
      AND e.latest_at < ${ms(end)}${scoped('e', scope)}`.execute(db);
  const pair = (b: number | null, l: number | null) =>
    b === null || l === null ? undefined : { baseline: Number(b), latest: Number(l) };
  return rows.map((r) => {
    const paired: RatedEpisode['paired'] = {};
    const phq9 = pair(r.pb, r.pl);
    const gad7 = pair(r.gb, r.gl);
    if (phq9) paired.phq9 = phq9;
    if (gad7) paired.gad7 = gad7;
    return { therapist: r.therapist, improved: Number(r.improved) === 1, paired };
  });
}
