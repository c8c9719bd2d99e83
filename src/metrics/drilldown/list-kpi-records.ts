import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../../model/app-error.js';
import { fromMinorUnits } from '../../model/money.js';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import {
  countRecords,
  pageClients,
  pageRecords,
  type RecordQuery,
} from '../../store/record-page.repository.js';
import { getCatalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/catalog.types.js';
import { SOURCES, type SourceDef } from '../catalog/sources.js';
import { SPECIALS } from '../catalog/specials.js';
import { fetchClientInfo } from '../engine/client-info.js';
import { clientSets } from '../engine/client-sets.js';
import { dataEnd } from '../engine/data-end.js';
import { countedClocks } from '../engine/response-times.js';
import { round6 } from '../engine/evaluate-kpi.js';
import { TOTAL } from '../engine/grouping.js';
import { filterTerms, type FilterTerm, type KpiFilter } from '../engine/kpi-filter.js';
import { sourceFilter } from '../engine/source-query.js';
import { bucketTable, conditionSql, fragment, ms } from '../engine/sql-fragments.js';
import type { KpiId } from '../kpi-meta/kpi-meta.types.js';
import { makePeriod, type Period } from '../periods/period.js';
import { planOf, type PlanPart, type SetTerm, type Side } from './drill-plan.js';
import { scopeOf } from '../outcomes/outcome-special.js';
import { listEpisodes } from './list-episodes.js';
import { listTherapistDays } from './list-therapist-days.js';
import { listUsers } from './list-usage.js';
import { localDay, localTime, nextOffset, type RecordValue } from './listing.js';
import { RECORD_VIEWS } from './record-views.js';

/** What to list: a KPI's side over local days, under the report's filters, one page. */
export interface RecordsRequest {
  kpi: KpiId;
  side: Side;
  from: string;
  to: string;
  filter?: KpiFilter;
  /** Only records (clients) of this acquisition channel: the figure's `by=channel` group. */
  channel?: string;
  /** Rows per page; undefined: every row (the CSV). */
  limit?: number;
  offset?: number;
  /** The current instant, as computeKpis takes it (cohorts mature against it). */
  now?: number;
}

export type { RecordValue };

/** One page of the records behind a side of a KPI, with the totals of the whole listing. */
export interface KpiRecords {
  kpi: KpiId;
  side: Side;
  /** The table listed: a source of the catalog (appointments, bookings, …) or `clients`. */
  records_of: string;
  period: { from: string; to: string; timezone: string };
  /** Records in the whole listing (every page). */
  total: number;
  /** The side as computeKpis reports it (numerator or denominator), from the same records. */
  figure: number;
  /** Record fields in order: ids, local times, the deciding fields, then each part's share. */
  columns: string[];
  records: Record<string, RecordValue>[];
  /** Offset of the next page, or null on the last. */
  next_offset: number | null;
}

const notDrillable = (entry: CatalogEntry, side: Side, reason: string) =>
  new AppError('UNPROCESSABLE', `the ${side} of ${entry.id} has no records to list: ${reason}`, {
    code: 'not_drillable',
    kpi: entry.id,
    side,
    reason,
  });

/** Lists the records (or clients) making up one side of a KPI for the period and filter. */
export async function listKpiRecords(
  db: Db,
  practice: Practice,
  req: RecordsRequest,
): Promise<KpiRecords> {
  const entry = getCatalog()[req.kpi];
  if (!entry) throw new AppError('NOT_FOUND', `unknown KPI "${req.kpi}"`);
  const period = makePeriod(req.from, req.to, practice.timezone);
  const filters = filterTerms(req.filter);
  const undefinedFor = filters.find((f) => entry.compute.undefinedPer?.includes(f.dim));
  if (undefinedFor) throw notDrillable(entry, req.side, `not defined for one ${undefinedFor.dim}`);
  if (req.channel !== undefined && entry.compute.undefinedPer?.includes('channel')) {
    throw notDrillable(entry, req.side, 'not defined for one channel');
  }
  const plan = planOf(entry.compute, req.side);
  const head = {
    kpi: entry.id,
    side: req.side,
    period: { from: period.from, to: period.to, timezone: period.timezone },
  };
  const page = { limit: req.limit, offset: req.offset ?? 0 };
  if (plan.kind === 'none') throw notDrillable(entry, req.side, plan.reason);
  if (plan.kind === 'clients') {
    return {
      ...head,
      ...(await listClients(db, practice, entry, req, period, filters, plan.terms, page)),
    };
  }
  if (plan.kind === 'usage' || plan.kind === 'load') {
    const allowed = SPECIALS[plan.kind === 'usage' ? 'platform_usage' : 'therapist_load']!.filters;
    const unfit = filters.find((t) => !allowed.includes(t.dim));
    if (unfit || req.channel !== undefined) {
      throw notDrillable(entry, req.side, `not defined for one ${unfit?.dim ?? 'channel'}`);
    }
    return {
      ...head,
      ...(plan.kind === 'usage'
        ? await listUsers(db, practice, period, plan, page)
        : await listTherapistDays(db, practice, period, filters, plan, page)),
    };
  }
  if (plan.kind === 'episodes') {
    const scope = {
      ...scopeOf(filters),
      ...(req.channel === undefined ? {} : { channel: req.channel }),
    };
    const den = planOf(entry.compute, 'denominator');
    const denOutput = den.kind === 'episodes' ? den.output : null;
    return {
      ...head,
      ...(await listEpisodes(
        db,
        practice,
        period,
        scope,
        plan,
        denOutput,
        entry.compute.suppressBelow,
        page,
      )),
    };
  }
  if (plan.kind === 'pairs') {
    if (req.channel !== undefined || filters.some((t) => t.dim !== 'therapist')) {
      throw notDrillable(entry, req.side, 'response pairs are listed whole or for one therapist');
    }
    return { ...head, ...(await listPairs(db, practice, req, period, filters, plan, page)) };
  }
  const source = SOURCES[plan.source]!;
  // A source added to the catalog without a way to show its rows is refused, not guessed at.
  if (!RECORD_VIEWS[plan.source]) {
    throw notDrillable(entry, req.side, `its ${plan.source} records have no listing yet`);
  }
  const unfit = filters.find((t) => !sourceFilter(source, t.dim));
  if (unfit) throw notDrillable(entry, req.side, `not defined for one ${unfit.dim}`);
  if (req.channel !== undefined && !source.dims.channel) {
    throw notDrillable(entry, req.side, 'not defined for one channel');
  }
  const q = sourceQuery(
    practice,
    entry,
    plan.source,
    source,
    plan.parts,
    period,
    filters,
    req.channel,
  );
  const [rows, totals] = await Promise.all([pageRecords(db, q, page), countRecords(db, q)]);
  let figure = plan.parts.reduce((acc, p, i) => acc + p.factor * (totals.sums[`t${i}`] ?? 0), 0);
  if (entry.compute.perCurrency) figure = fromMinorUnits(figure, practice.currency);
  const view = RECORD_VIEWS[plan.source]!;
  const columns = [
    ...Object.keys(view.fields),
    ...Object.keys(view.times),
    ...plan.parts.map((p) => p.name),
  ];
  const records = rows.map((r) => {
    const out: Record<string, RecordValue> = {};
    for (const k of Object.keys(view.fields)) out[k] = (r[k] as RecordValue) ?? null;
    for (const k of Object.keys(view.times)) out[k] = localTime(r[k], period.timezone);
    plan.parts.forEach((p, i) => (out[p.name] = round6(Number(r[`p${i}`] ?? 0))));
    return out;
  });
  return {
    ...head,
    records_of: plan.source,
    total: totals.count,
    figure: round6(figure),
    columns,
    records,
    next_offset: nextOffset(page, records.length, totals.count),
  };
}

/**
 * The listing query of an additive side: the source's rows in the period (an interval source's
 * rows overlapping it, measured inside it), under the filters, where one of the side's parts
 * counts or sums something. Each part's share is the very CASE the engine aggregates.
 */
function sourceQuery(
  practice: Practice,
  entry: CatalogEntry,
  name: string,
  source: SourceDef,
  parts: PlanPart[],
  period: Period,
  filters: FilterTerm[],
  channel: string | undefined,
): RecordQuery {
  const pid = practice.practice_id;
  const f = (text: string) => fragment(text, pid);
  const view = RECORD_VIEWS[name]!;
  const joins: string[] = [];
  const join = (text: string | undefined) => {
    if (text && !joins.includes(text)) joins.push(text);
  };
  const shares = parts.map((p) => share(p, source));
  let where = sql`${sql.raw(source.practiceColumn)} = ${pid}`;
  let from: RawBuilder<unknown> = f(source.from);
  if ('interval' in source.time) {
    const [s, e] = source.time.interval;
    from = sql`${from} JOIN ${bucketTable([{ key: TOTAL, start: period.start, end: period.end }])} ON ${sql.raw(s)} < b.be AND ${sql.raw(e)} > b.bs`;
    where = sql`${where} AND ${sql.raw(s)} < ${ms(period.end)} AND ${sql.raw(e)} > ${ms(period.start)}`;
  } else {
    const t = sql.raw(source.time.point);
    where = sql`${where} AND ${t} >= ${ms(period.start)} AND ${t} < ${ms(period.end)}`;
  }
  for (const term of filters) {
    const match = sourceFilter(source, term.dim)!;
    join(match.join);
    where = sql`${where} AND ${sql.raw(match.sql)} = ${term.value}`;
  }
  if (channel !== undefined) {
    const dim = source.dims.channel!;
    join(dim.join);
    where = sql`${where} AND ${sql.raw(dim.sql)} = ${channel}`;
  }
  if (entry.compute.perCurrency && source.splitBy) {
    where = sql`${where} AND ${sql.raw(source.splitBy)} = ${practice.currency}`;
  }
  where = sql`${where} AND (${sql.join(
    shares.map((s) => sql`${s} <> 0`),
    sql` OR `,
  )})`;
  for (const j of joins) from = sql`${from} ${f(j)}`;
  const select = [
    ...Object.entries(view.fields).map(([k, v]) => sql`${sql.raw(v)} AS ${sql.raw(k)}`),
    ...Object.entries(view.times).map(([k, v]) => sql`${sql.raw(v)} AS ${sql.raw(k)}`),
    ...shares.map((s, i) => sql`${s} AS ${sql.raw(`p${i}`)}`),
  ];
  return {
    from,
    where,
    select,
    totals: shares.map((s, i) => sql`SUM(${s}) AS ${sql.raw(`t${i}`)}`),
    orderBy: view.order.map((o) => sql.raw(o)),
  };
}

/** A record's share of a part: 1 or 0 for a count, the measure (0 when unknown) for a sum. */
function share(p: PlanPart, source: SourceDef): RawBuilder<unknown> {
  const filter = p.def.filter ? conditionSql(p.def.filter, source.columns) : null;
  if (p.def.agg === 'count') return filter ? sql`CASE WHEN ${filter} THEN 1 ELSE 0 END` : sql`1`;
  const m = p.def.measure!;
  const measure = sql.raw('column' in m ? source.columns[m.column]! : source.exprs[m.expr]!);
  return filter
    ? sql`CASE WHEN ${filter} THEN COALESCE(${measure}, 0) ELSE 0 END`
    : sql`COALESCE(${measure}, 0)`;
}

/**
 * The members of the client sets of a side for the whole period, by the engine's own client-set
 * pass. One set: its members. A difference of sets (retention's E − N): every client in exactly
 * one of them, with a column per set and its share (+1 active at the end and not new, −1 new
 * and not active at the end), so the shares add up to the side's figure; a client in both
 * counts 0 and is not listed.
 */
async function listClients(
  db: Db,
  practice: Practice,
  entry: CatalogEntry,
  req: RecordsRequest,
  period: Period,
  filters: FilterTerm[],
  terms: SetTerm[],
  page: { limit?: number; offset: number },
) {
  if (filters.some((t) => !SPECIALS.client_sets!.filters.includes(t.dim))) {
    throw notDrillable(entry, req.side, 'not defined under this filter');
  }
  const pid = practice.practice_id;
  const now = req.now ?? Date.now();
  // Cohorts mature against the end of the data, as computeKpis reads them (only cohort outputs
  // use it); first-match retention reads its sessions only with its matured set asked for.
  const outputs = new Set(terms.map((t) => t.output));
  if (outputs.has('new_first_match_retained')) outputs.add('new_first_match_matured');
  const end = await dataEnd(db, pid, now);
  const members = new Map<string, Set<string>>();
  const grouping = {
    kind: 'none' as const,
    buckets: [{ key: TOTAL, start: period.start, end: period.end }],
  };
  await clientSets(db, practice, grouping, outputs, filters, end, members);
  const shareOf = (id: string) =>
    terms.reduce((acc, t) => acc + (members.get(t.output)?.has(id) ? t.factor : 0), 0);
  const union = new Set(terms.flatMap((t) => [...(members.get(t.output) ?? [])]));
  let ids = [...union].filter((id) => terms.length === 1 || shareOf(id) !== 0);
  if (req.channel !== undefined) {
    const info = await fetchClientInfo(db, pid);
    ids = ids.filter((id) => (info.get(id)?.channel ?? '') === req.channel);
  }
  const rows = await pageClients(db, pid, ids, page);
  const zone = period.timezone;
  const records = rows.map((r) => {
    const out: Record<string, RecordValue> = {
      client_id: r.client_id,
      acquisition_channel: r.acquisition_channel,
      created_at: localDay(r.created_at, zone),
      discharged_at: localDay(r.discharged_at, zone),
    };
    for (const t of terms) out[t.part] = members.get(t.output)?.has(r.client_id) ? 1 : 0;
    if (terms.length > 1) out.share = shareOf(r.client_id);
    return out;
  });
  const figure = ids.reduce((acc, id) => acc + shareOf(id), 0);
  return {
    records_of: 'clients',
    total: ids.length,
    figure,
    columns: [
      'client_id',
      'acquisition_channel',
      'created_at',
      'discharged_at',
      ...terms.map((t) => t.part),
      ...(terms.length > 1 ? ['share'] : []),
    ],
    records,
    next_offset: nextOffset(page, records.length, ids.length),
  };
}

/**
 * The message → reply pairs behind response time, by the engine's own pairing: each client
 * message that starts a clock and the wait to the next message from anyone else, in the period
 * of the starting message (the denominator counts answered pairs, the numerator sums waits).
 */
async function listPairs(
  db: Db,
  practice: Practice,
  req: RecordsRequest,
  period: Period,
  filters: FilterTerm[],
  plan: { output: string; part: string; factor: number },
  page: { limit?: number; offset: number },
) {
  const grouping = {
    kind: 'none' as const,
    buckets: [{ key: TOTAL, start: period.start, end: period.end }],
  };
  const clocks = (await countedClocks(db, practice.practice_id, grouping, filters))
    .filter((c) => c.waitMs !== null)
    .sort(
      (a, b) =>
        a.openedAt - b.openedAt ||
        (a.conversation < b.conversation ? -1 : a.conversation > b.conversation ? 1 : 0),
    );
  const sum = clocks.reduce((acc, c) => acc + (plan.output === 'response_ms' ? c.waitMs! : 1), 0);
  const slice =
    page.limit === undefined ? clocks : clocks.slice(page.offset, page.offset + page.limit);
  const zone = period.timezone;
  const records = slice.map((c) => ({
    conversation_id: c.conversation,
    client_id: c.client,
    therapist_id: c.therapist,
    client_message_at: localTime(c.openedAt, zone),
    reply_at: localTime(c.openedAt + c.waitMs!, zone),
    wait_hours: round6(c.waitMs! / 3_600_000),
    [plan.part]: plan.output === 'response_ms' ? c.waitMs! : 1,
  }));
  return {
    records_of: 'response pairs',
    total: clocks.length,
    figure: round6(plan.factor * sum),
    columns: [
      'conversation_id',
      'client_id',
      'therapist_id',
      'client_message_at',
      'reply_at',
      'wait_hours',
      plan.part,
    ],
    records,
    next_offset: nextOffset(page, records.length, clocks.length),
  };
}
