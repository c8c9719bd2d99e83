import { DateTime } from 'luxon';
import type { Practice, Profile } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { getCatalog } from '../catalog/catalog.js';
import { localParts, settle } from '../engine/compute-kpis.js';
import { evaluateKpi, type EvalContext } from '../engine/evaluate-kpi.js';
import { TOTAL, type Grouping, type PartValues } from '../engine/grouping.js';
import type { KpiResult } from '../engine/kpi-result.types.js';
import { absentSources, noSourceResult } from '../engine/source-presence.js';
import {
  MIN_EPISODES,
  OUTCOME_KPI_IDS,
  OUTCOME_TREND_IDS,
  type OutcomeKpiId,
} from '../kpi-meta/outcome-kpi-ids.js';
import { bucketsOf } from '../periods/buckets.js';
import { makePeriod, type Period } from '../periods/period.js';
import {
  episodesServe,
  outcomePartsFromRollups,
  ratedFromRollups,
} from '../rollups/episodes-from-rollups.js';
import { rollupsForRead } from '../rollups/refresh-rollups.js';
import { median } from '../stats/quantile.js';
import { INSTRUMENTS, RULES, severityOf, type Instrument } from './instruments.js';
import { outcomeParts, type OutcomeScope } from './outcome-parts.js';
import type {
  ChangeDistribution,
  OutcomesReport,
  TherapistSpread,
} from './outcomes-report.types.js';
import { ratedEpisodes, type RatedEpisode } from './rated-episode.js';
import { readEpisodes } from './read-episodes.js';

export interface OutcomesOptions {
  /** First and last local day, inclusive. */
  from: string;
  to: string;
  profile?: Profile;
  scope?: OutcomeScope;
  /** Add the anonymous distribution of the therapists' reliable improvement rates. */
  spread?: boolean;
  /** Read the episode rollups where they serve (default); false reads the records only. */
  rollups?: boolean;
}

/** Where the report's episodes come from: the episode rollups or the records' episodes. */
interface EpisodeSource {
  parts(grouping: Grouping, scope: OutcomeScope): Promise<PartValues>;
  rated(start: number, end: number, scope: OutcomeScope): Promise<RatedEpisode[]>;
}

/**
 * The episode rollups when current and serving the report's months (period and trend of whole
 * local months of the zone they were built in), else ONE read of the episodes of the trend's
 * span from the records.
 */
async function episodeSource(
  db: Db,
  practice: Practice,
  groupings: Grouping[],
  rollups: boolean,
): Promise<EpisodeSource> {
  const pid = practice.practice_id;
  const zone = rollups ? await rollupsForRead(db, practice) : null;
  if (zone !== null && groupings.every((g) => episodesServe(g, zone))) {
    return {
      parts: (g, scope) => outcomePartsFromRollups(db, pid, g, scope),
      rated: (start, end, scope) => ratedFromRollups(db, pid, start, end, scope),
    };
  }
  const starts = groupings.map((g) => g.buckets[0]!.start);
  const ends = groupings.map((g) => g.buckets[g.buckets.length - 1]!.end);
  const episodes = await readEpisodes(db, practice, Math.min(...starts), Math.max(...ends));
  return {
    parts: (g, scope) => Promise.resolve(outcomeParts(episodes, g, scope)),
    rated: (start, end, scope) => Promise.resolve(ratedEpisodes(episodes, start, end, scope)),
  };
}

const DAYS = (a: number, b: number) => Math.round((b - a) / 86_400_000);
const NOTE =
  'The latest period changes as episodes go on: an episode counts in the period of its latest score.';

/** The first day of the trend: the earlier of `from` and the month 11 months before `to`'s. */
function trendFrom(from: string, to: string): string {
  const a = DateTime.fromISO(from, { zone: 'UTC' }).startOf('month');
  const b = DateTime.fromISO(to, { zone: 'UTC' }).startOf('month').minus({ months: 11 });
  return (a < b ? a : b).toISODate()!;
}

/**
 * Everything the Outcomes page shows for a period and scope (outcomes.schema.ts describes each
 * field), from the episode rollups where they serve, else from ONE read of the episodes of the
 * trend's span (episodeSource; both give the same report): the seven KPIs (the same figures
 * computeKpis gives for the same filter), the practice's for comparison under a therapist,
 * a monthly trend, change from baseline, coverage, severity at baseline and, when asked, the
 * therapist spread. Every group of 1–4 episodes shows no figure and no counts.
 */
export async function outcomesReport(
  db: Db,
  practice: Practice,
  options: OutcomesOptions,
): Promise<OutcomesReport> {
  const scope = options.scope ?? {};
  const profile = options.profile ?? practice.profile;
  const zone = practice.timezone;
  const period = makePeriod(options.from, options.to, zone);
  const trendPeriod = makePeriod(trendFrom(options.from, options.to), options.to, zone);
  const whole = (p: Period): Grouping => ({
    kind: 'none',
    buckets: [{ key: TOTAL, start: p.start, end: p.end }],
  });
  const months = bucketsOf(trendPeriod, 'month');
  const byMonth: Grouping = { kind: 'time', buckets: months };
  const [source, absent] = await Promise.all([
    episodeSource(db, practice, [whole(period), byMonth], options.rollups !== false),
    absentSources(db, practice.practice_id, OUTCOME_KPI_IDS),
  ]);
  const catalog = getCatalog();
  const ctx = (days: number): EvalContext => ({
    profile,
    minSample: practice.min_sample,
    currency: practice.currency,
    periodDays: days,
  });
  const judge = (id: OutcomeKpiId, parts: Map<string, number>, days: number): KpiResult => {
    const entry = catalog[id];
    const r = settle(entry, parts, evaluateKpi(entry, parts, ctx(days)));
    const reason = absent.get(id);
    return reason ? noSourceResult(r, reason) : r;
  };
  const sevenOf = (values: Map<string, number> | undefined) => {
    const days = DAYS(period.start, period.end);
    return Object.fromEntries(
      OUTCOME_KPI_IDS.map((id) => [id, judge(id, localParts(catalog[id], prefixed(values)), days)]),
    ) as Record<OutcomeKpiId, KpiResult>;
  };
  const sevenFor = async (s: OutcomeScope) =>
    sevenOf((await source.parts(whole(period), s)).get(TOTAL));
  const [covParts, monthly, rated] = await Promise.all([
    source.parts(whole(period), scope).then((v) => v.get(TOTAL)),
    source.parts(byMonth, scope),
    source.rated(period.start, period.end, scope),
  ]);
  const trend = months.map((b) => {
    const days = DAYS(b.start, b.end);
    const values = prefixed(monthly.get(b.key));
    const lastDay = DateTime.fromMillis(b.end - 1, { zone }).toISODate()!;
    return {
      period: b.key,
      from: DateTime.fromMillis(b.start, { zone }).toISODate()!,
      to: lastDay,
      results: Object.fromEntries(
        OUTCOME_TREND_IDS.map((id) => [id, judge(id, localParts(catalog[id], values), days)]),
      ) as OutcomesReport['trend'][number]['results'],
    };
  });
  const kpis = sevenOf(covParts);
  const cov = kpis.outcome_coverage_rate;
  const count = (k: string) => covParts?.get(k) ?? 0;
  const eligible = count('eligible');
  // Counts only where the coverage figure itself is shown (or is a plain zero).
  const status =
    cov.status === 'suppressed'
      ? 'suppressed'
      : cov.status === 'ok' || cov.status === 'insufficient_data'
        ? 'ok'
        : 'no_data';
  const shown = status !== 'suppressed' && cov.status !== 'no_source';
  const report: OutcomesReport = {
    practice: practice.practice_id,
    from: period.from,
    to: period.to,
    timezone: zone,
    profile,
    scope,
    kpis,
    trend,
    change: {
      phq9: changeOf(rated, 'phq9'),
      gad7: changeOf(rated, 'gad7'),
    },
    coverage: {
      status:
        !shown || eligible === 0 ? (cov.status === 'suppressed' ? 'suppressed' : 'no_data') : 'ok',
      eligible: shown ? eligible : null,
      with_outcome: shown ? count('covered') : null,
      without: {
        no_scores: shown ? count('uncovered_no_scores') : null,
        one_score: shown ? count('uncovered_one_score') : null,
      },
    },
    severity: severityRows(rated, (parts) =>
      judge('reliable_improvement_rate', parts, DAYS(period.start, period.end)),
    ),
    therapist_spread: options.spread && scope.therapist === undefined ? spreadOf(rated) : null,
    note: NOTE,
  };
  if (scope.therapist !== undefined) report.practice_kpis = await sevenFor({});
  return report;
}

/** The special's parts under the names localParts looks up (`outcomes.<output>`). */
function prefixed(values: Map<string, number> | undefined): Map<string, number> {
  return new Map([...(values ?? [])].map(([k, v]) => [`outcomes.${k}`, v]));
}

/** The distribution of latest − baseline on one instrument; null for 1–4 episodes. */
function changeOf(rated: readonly RatedEpisode[], i: Instrument): ChangeDistribution | null {
  const changes = rated.flatMap((e) => {
    const p = e.paired[i];
    return p ? [p.latest - p.baseline] : [];
  });
  if (changes.length > 0 && changes.length < MIN_EPISODES) return null;
  const bins = new Map<number, number>();
  for (const c of changes) bins.set(c, (bins.get(c) ?? 0) + 1);
  return {
    bins: [...bins].sort((a, b) => a[0] - b[0]).map(([change, episodes]) => ({ change, episodes })),
    median: median(changes),
    episodes: changes.length,
  };
}

/** One row per instrument and severity band at baseline, with its reliable improvement rate. */
function severityRows(
  rated: readonly RatedEpisode[],
  judge: (parts: Map<string, number>) => KpiResult,
): OutcomesReport['severity'] {
  return INSTRUMENTS.flatMap((i) =>
    RULES[i].severity.map(([band]) => {
      const here = rated.filter((e) => {
        const p = e.paired[i];
        return p !== undefined && severityOf(i, p.baseline) === band;
      });
      const improved = here.filter((e) => e.improved).length;
      const parts = new Map([
        ['improved', improved],
        ['with_outcome', here.length],
      ]);
      const result = judge(parts);
      return {
        instrument: i,
        band,
        episodes: result.status === 'suppressed' ? null : here.length,
        reliable_improvement: result,
      };
    }),
  );
}

/**
 * How the therapists' reliable improvement rates spread, in 10-point bins (the last holds 100):
 * only therapists with ≥ 5 episodes with an outcome enter a bin, those with 1–4 are counted
 * apart. No ids, no names: the bins are in rate order, never in therapist order.
 */
function spreadOf(rated: readonly RatedEpisode[]): TherapistSpread {
  const per = new Map<string, { n: number; improved: number }>();
  for (const e of rated) {
    const t = per.get(e.therapist) ?? { n: 0, improved: 0 };
    t.n++;
    if (e.improved) t.improved++;
    per.set(e.therapist, t);
  }
  const bins = Array.from({ length: 10 }, (_, k) => ({
    from: k * 10,
    to: k * 10 + 10,
    therapists: 0,
  }));
  let counted = 0;
  let suppressed = 0;
  for (const { n, improved } of per.values()) {
    if (n < MIN_EPISODES) {
      suppressed++;
      continue;
    }
    counted++;
    bins[Math.min(9, Math.floor((100 * improved) / n / 10))]!.therapists++;
  }
  return {
    kpi: 'reliable_improvement_rate',
    bins,
    therapists_counted: counted,
    therapists_suppressed: suppressed,
  };
}
