import { computeKpis } from '../../metrics/engine/compute-kpis.js';
import type { KpiResults } from '../../metrics/engine/kpi-result.types.js';
import { KPI_IDS, KPI_META, type KpiId, type KpiMeta } from '../../metrics/kpi-meta/index.js';
import { addMonths, monthEnd, monthKeys } from '../../metrics/periods/local-days.js';
import { checkinsOf } from '../../metrics/targets/target-checkins.js';
import { AppError } from '../../model/app-error.js';
import type { Practice, Profile } from '../../model/practice.js';
import type { Checkin, Target } from '../../model/target.js';
import type { Db } from '../../store/database.js';
import { listTargets } from '../../store/target.repository.js';

/** How many months the trend charts of a report cover, the report's month last. */
export const TREND_MONTHS = 12;

/** Check-ins shown per target: the latest ones up to the report's month. */
const CHECKINS_SHOWN = 6;

export interface ReportTarget {
  target: Target;
  checkins: Checkin[];
}

/** Everything one monthly report shows, computed before any page is drawn. */
export interface MonthlyReportData {
  practice: Practice;
  profile: Profile;
  month: string;
  from: string;
  to: string;
  therapist: string | null;
  ids: KpiId[];
  meta: Record<KpiId, KpiMeta>;
  /** The report's month: the practice's figures, or the therapist's for a therapist report. */
  current: KpiResults;
  previous: KpiResults;
  yearAgo: KpiResults;
  /** A therapist report: the practice's figures of the same month beside the therapist's. */
  practiceCurrent: KpiResults | null;
  /** Month keys (YYYY-MM) and each month's figures, for the trend charts. */
  trend: { months: string[]; kpis: KpiResults[] };
  targets: ReportTarget[];
  generatedAt: number;
}

export const isMonthKey = (v: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/**
 * The figures of one month's report: the month, the one before and the same month a year
 * earlier (for the changes), twelve months of trend, and the targets with their latest
 * check-ins. A therapist report (`therapist`) holds that therapist's figures and the practice's
 * beside them, and only the personal targets of `viewerUserId` on that therapist; the practice
 * report holds the practice, service and channel targets.
 */
export async function monthlyReportData(
  db: Db,
  practice: Practice,
  opts: {
    month: string;
    profile?: Profile;
    therapist?: string | null;
    viewerUserId?: string | null;
    now?: number;
  },
): Promise<MonthlyReportData> {
  if (!isMonthKey(opts.month)) {
    throw new AppError('USAGE', `month must be YYYY-MM, got "${opts.month}"`);
  }
  const from = `${opts.month}-01`;
  const to = monthEnd(from);
  const profile = opts.profile ?? practice.profile;
  const therapist = opts.therapist ?? null;
  const filter = therapist ? { filter: { therapist } } : {};
  const range = (first: string) => ({ from: first, to: monthEnd(first), profile, ...filter });
  const trendFrom = addMonths(from, -(TREND_MONTHS - 1));
  const [current, previous, yearAgo, practiceCurrent, trend] = await Promise.all([
    computeKpis(db, practice, range(from)),
    computeKpis(db, practice, range(addMonths(from, -1))),
    computeKpis(db, practice, range(addMonths(from, -12))),
    therapist ? computeKpis(db, practice, { from, to, profile }) : Promise.resolve(null),
    computeKpis(db, practice, { from: trendFrom, to, profile, by: 'month', ...filter }),
  ]);
  const months = monthKeys(trendFrom, to);
  const byKey = new Map((trend.groups ?? []).map((g) => [g.key, g.kpis]));
  const all = await listTargets(db, practice.practice_id);
  const shown = all.filter((t) =>
    therapist
      ? t.scope === `therapist:${therapist}` && t.owner_user_id === opts.viewerUserId
      : !t.scope.startsWith('therapist:'),
  );
  const targets: ReportTarget[] = [];
  for (const t of shown) {
    const checkins = (await checkinsOf(db, practice, t, opts.now))
      .filter((c) => c.from <= to)
      .slice(-CHECKINS_SHOWN);
    targets.push({ target: t, checkins });
  }
  return {
    practice,
    profile,
    month: opts.month,
    from,
    to,
    therapist,
    ids: KPI_IDS.filter((id) => current.kpis[id]),
    meta: KPI_META,
    current: current.kpis,
    previous: previous.kpis,
    yearAgo: yearAgo.kpis,
    practiceCurrent: practiceCurrent?.kpis ?? null,
    trend: { months, kpis: months.map((m) => byKey.get(m) ?? {}) },
    targets,
    generatedAt: opts.now ?? Date.now(),
  };
}
