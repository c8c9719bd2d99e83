import { api, ApiError } from './api-client';
import type { KpiDocument, KpiQuery } from './api-types';
import { monthEnd } from '../lib/period';

const filterUnsupported = (e: unknown) =>
  e instanceof ApiError && e.status === 400 && /therapist/i.test(e.message);

/**
 * One therapist's figures and no one else's: the API's `therapist` filter when the server has
 * it, else `by=therapist` with every other group dropped before anything is kept or shown.
 */
export async function therapistKpis(q: KpiQuery, therapistId: string): Promise<KpiDocument> {
  try {
    return await api.kpis({ ...q, therapist: therapistId });
  } catch (e) {
    if (!filterUnsupported(e)) throw e;
  }
  const doc = await api.kpis({ ...q, by: 'therapist', therapist: undefined });
  const mine = doc.groups?.find((g) => g.key === therapistId);
  return { period: doc.period, profile: doc.profile, kpis: mine?.kpis ?? {} };
}

/** The same, month by month over `months` (`YYYY-MM` keys inside q's period). */
export async function therapistMonthly(
  q: KpiQuery,
  therapistId: string,
  months: string[],
): Promise<KpiDocument> {
  try {
    return await api.kpis({ ...q, by: 'month', therapist: therapistId });
  } catch (e) {
    if (!filterUnsupported(e)) throw e;
  }
  const parts = await Promise.all(
    months.map((m) =>
      therapistKpis({ ...q, from: `${m}-01`, to: monthEnd(`${m}-01`) }, therapistId),
    ),
  );
  return {
    period: { ...parts[0]!.period, from: q.from, to: q.to },
    profile: parts[0]!.profile,
    kpis: {},
    groups: months.map((m, i) => ({ key: m, kpis: parts[i]!.kpis })),
  };
}
