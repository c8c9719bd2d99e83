import type { Kysely } from 'kysely';
import type { KpiId } from '../kpi-meta/kpi-meta.types.js';
import type { Db } from '../../store/database.js';
import { figureless } from './evaluate-kpi.js';
import type { KpiReport, KpiResult, KpiResults } from './kpi-result.types.js';

/** A stored entity a KPI is built from, as far as "was anything loaded at all" goes. */
interface Source {
  table: string;
  /** Only the rows with one of these column values count (csat surveys, not PHQ-9 scores). */
  where?: { column: string; values: readonly string[] };
  /** The reason a KPI of this source gives when the store holds none of it. */
  reason: string;
}

const SOURCES = {
  activity: { table: 'activity', reason: 'no activity events have been loaded' },
  csat: {
    table: 'surveys',
    where: { column: 'instrument', values: ['csat'] },
    reason: 'no satisfaction (csat) surveys have been loaded',
  },
  scores: {
    table: 'surveys',
    where: { column: 'instrument', values: ['phq9', 'gad7'] },
    reason: 'no PHQ-9 or GAD-7 scores have been loaded',
  },
  messages: { table: 'messages', reason: 'no messages have been loaded' },
  availability: { table: 'availability', reason: 'no availability has been loaded' },
  slots: { table: 'slots', reason: 'no session slots have been loaded' },
  payments: { table: 'payments', reason: 'no payments have been loaded' },
  ratings: { table: 'session_ratings', reason: 'no session ratings have been loaded' },
} satisfies Record<string, Source>;
type SourceName = keyof typeof SOURCES;

/**
 * The KPIs that stand on an entity a practice may simply not record (kpi-spec: "No source is not
 * zero"). KPIs built from appointments and clients only are not listed: with no appointments
 * there is no data at all, which the reports already say.
 */
export const KPI_SOURCE: Partial<Record<KpiId, SourceName>> = {
  platform_usage_rate: 'activity',
  client_satisfaction_score: 'csat',
  client_satisfaction_rate: 'csat',
  survey_response_rate: 'csat',
  therapist_response_time: 'messages',
  therapist_utilization_rate: 'availability',
  session_utilization_rate: 'slots',
  avg_revenue_per_client: 'payments',
  avg_session_rating: 'ratings',
  reliable_improvement_rate: 'scores',
  recovery_rate: 'scores',
  reliable_recovery_rate: 'scores',
  reliable_deterioration_rate: 'scores',
  phq9_response_rate: 'scores',
  phq9_remission_rate: 'scores',
  outcome_coverage_rate: 'scores',
};

/* eslint-disable @typescript-eslint/no-explicit-any -- one probe over several tables. */
async function holdsAny(db: Db, practiceId: string, source: Source): Promise<boolean> {
  let q = (db as unknown as Kysely<any>)
    .selectFrom(source.table)
    .select('practice_id')
    .where('practice_id', '=', practiceId);
  if (source.where) q = q.where(source.where.column, 'in', [...source.where.values]);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * For the KPIs among `ids` whose source entity the practice's store holds no record of at all,
 * the reason to give. One LIMIT 1 query per distinct source, whatever the period.
 */
export async function absentSources(
  db: Db,
  practiceId: string,
  ids: readonly KpiId[],
): Promise<Map<KpiId, string>> {
  const names = [...new Set(ids.flatMap((id) => KPI_SOURCE[id] ?? []))];
  const held = await Promise.all(names.map((n) => holdsAny(db, practiceId, SOURCES[n])));
  const missing = new Set(names.filter((_, i) => !held[i]));
  const out = new Map<KpiId, string>();
  for (const id of ids) {
    const name = KPI_SOURCE[id];
    if (name && missing.has(name)) out.set(id, SOURCES[name].reason);
  }
  return out;
}

/** A result with nothing measured: no value, no band, no colour, the reason why. */
export const noSourceResult = (result: KpiResult, reason: string): KpiResult =>
  figureless(result, 'no_source', reason);

/** "not defined per therapist", "not defined for one service": true whatever is loaded. */
const undefinedHere = (r: KpiResult) =>
  r.status === 'no_data' && (r.reason?.startsWith('not defined') ?? false);

/**
 * Marks every KPI of `absent`, in the whole period and in every group, as `no_source`; a KPI not
 * defined for the group or filter keeps saying so, as loading its source would not change that.
 */
export function markNoSource(report: KpiReport, absent: Map<KpiId, string>): KpiReport {
  if (absent.size === 0) return report;
  const mark = (kpis: KpiResults) => {
    for (const [id, reason] of absent) {
      const r = kpis[id];
      if (r && !undefinedHere(r)) kpis[id] = noSourceResult(r, reason);
    }
  };
  mark(report.kpis);
  for (const g of report.groups ?? []) mark(g.kpis);
  return report;
}
