import { AppError } from '../../model/app-error.js';
import type { Practice } from '../../model/practice.js';
import { scopeParts, type Checkin, type Target } from '../../model/target.js';
import type { Db } from '../../store/database.js';
import { dataVersion } from '../../store/import-history.repository.js';
import { getPractice } from '../../store/practice.repository.js';
import {
  checkinNotes,
  listTargets,
  replaceCheckins,
  storedCheckins,
  type ComputedCheckin,
} from '../../store/target.repository.js';
import { computeKpis } from '../engine/compute-kpis.js';
import type { KpiFilter } from '../engine/kpi-filter.js';
import type { KpiResult } from '../engine/kpi-result.types.js';
import { KPI_IDS, KPI_META, type KpiId } from '../kpi-meta/index.js';
import { checkinStatus, expectedValue } from './checkin-status.js';
import { closedPeriods, localToday, type ClosedPeriod } from '../periods/closed-periods.js';

export const isKpiId = (id: string): id is KpiId => (KPI_IDS as readonly string[]).includes(id);

/** Throws BAD_INPUT unless `id` is a KPI of the catalog. */
export function requireKpiId(id: string): KpiId {
  if (!isKpiId(id)) throw new AppError('BAD_INPUT', `unknown KPI "${id}"`, { known: KPI_IDS });
  return id;
}

const EMPTY: Pick<KpiResult, 'value' | 'ci' | 'n' | 'status'> = {
  value: null,
  ci: null,
  n: 0,
  status: 'no_data',
};

/** The KPI's figure for each period, in one computation per scope the engine can filter. */
async function figures(
  db: Db,
  practice: Practice,
  target: Target,
  kpi: KpiId,
  periods: ClosedPeriod[],
  now: number,
): Promise<Map<string, Pick<KpiResult, 'value' | 'ci' | 'n' | 'status'>>> {
  const out = new Map<string, Pick<KpiResult, 'value' | 'ci' | 'n' | 'status'>>();
  const { dim, value } = scopeParts(target.scope);
  if (dim === 'channel') {
    // The engine groups by channel but does not filter by it: one grouped report per period.
    for (const p of periods) {
      const report = await computeKpis(db, practice, {
        from: p.from,
        to: p.to,
        by: 'channel',
        ids: [kpi],
        now,
      });
      out.set(p.key, report.groups?.find((g) => g.key === value)?.kpis[kpi] ?? EMPTY);
    }
    return out;
  }
  const filter: KpiFilter | undefined =
    dim === 'service'
      ? { service: value! }
      : dim === 'therapist'
        ? { therapist: value! }
        : undefined;
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const report = await computeKpis(db, practice, {
    from: first.from,
    to: last.to,
    by: target.cadence,
    ids: [kpi],
    filter,
    now,
  });
  for (const g of report.groups ?? []) out.set(g.key, g.kpis[kpi] ?? EMPTY);
  return out;
}

/**
 * The target's check-ins, one per closed period, recomputed when the practice's data version
 * differs from the one any stored check-in was computed from, or the closed periods changed
 * (a new period closed); otherwise the stored rows as they are. Idempotent: a second call with
 * the same data writes nothing.
 */
export async function refreshCheckins(
  db: Db,
  practice: Practice,
  target: Target,
  now = Date.now(),
): Promise<ComputedCheckin[]> {
  const kpi = requireKpiId(target.kpi_id);
  const [version, stored] = await Promise.all([
    dataVersion(db, practice.practice_id),
    storedCheckins(db, target),
  ]);
  const periods = closedPeriods(
    target.start_date,
    target.cadence,
    localToday(now, practice.timezone),
  );
  const fresh =
    stored.length === periods.length &&
    stored.every((c, i) => c.period === periods[i]!.key && c.data_version === version);
  if (fresh) return stored;
  const values =
    periods.length === 0 ? new Map() : await figures(db, practice, target, kpi, periods, now);
  const direction = KPI_META[kpi].direction;
  const checkins = periods.map((p): ComputedCheckin => {
    const r = values.get(p.key) ?? EMPTY;
    const expected = expectedValue(target.kind, target.start_date, p.to);
    const ci = r.ci === null ? null : ([r.ci[0], r.ci[1]] as [number, number]);
    return {
      target_id: target.target_id,
      period: p.key,
      from: p.from,
      to: p.to,
      value: r.value,
      ci,
      n: r.n,
      kpi_status: r.status,
      expected,
      status: checkinStatus({
        kind: target.kind,
        direction,
        kpiStatus: r.status,
        value: r.value,
        ci,
        expected,
      }),
      data_version: version,
      computed_at: now,
    };
  });
  await replaceCheckins(db, target, checkins);
  return checkins;
}

/** The target's check-ins (refreshed as above) with each period's note and confidence. */
export async function checkinsOf(
  db: Db,
  practice: Practice,
  target: Target,
  now = Date.now(),
): Promise<Checkin[]> {
  const [computed, notes] = await Promise.all([
    refreshCheckins(db, practice, target, now),
    checkinNotes(db, target),
  ]);
  return computed.map((c) => {
    const n = notes.get(c.period);
    return {
      ...c,
      note: n?.note ?? null,
      confidence: n?.confidence ?? null,
      noted_by: n?.noted_by ?? null,
      noted_at: n?.noted_at ?? null,
    };
  });
}

/** A target with its latest check-in (null before its first period closes). */
export interface TargetWithLatest {
  target: Target;
  latest: Checkin | null;
}

/**
 * Every target of the practice with its latest check-in, each refreshed first. For the alert
 * rules and digests: it includes personal (therapist) targets, whose owner alone may be told.
 */
export async function latestCheckins(
  db: Db,
  practiceId: string,
  now = Date.now(),
): Promise<TargetWithLatest[]> {
  const practice = await getPractice(db, practiceId);
  const out: TargetWithLatest[] = [];
  for (const target of await listTargets(db, practiceId)) {
    const all = await checkinsOf(db, practice, target, now);
    out.push({ target, latest: all[all.length - 1] ?? null });
  }
  return out;
}
