import type { OpenAPIHono } from '@hono/zod-openapi';
import { DateTime } from 'luxon';
import type { Store } from '../store/database.js';
import { listPractices } from '../store/practice.repository.js';

/**
 * The KPI requests the dashboard's overview makes on opening (see web/src/lib/period.ts and
 * web/src/pages/overview-page.tsx): the last full month up to the newest data (never past
 * today), the month before, and the twelve months ending with it by month.
 */
export function overviewRequests(lastDataDay: string, today: string, practiceId: string): string[] {
  const anchor = DateTime.fromISO(lastDataDay < today ? lastDataDay : today);
  const monthOfAnchor = anchor.startOf('month');
  const month = anchor.endOf('month').hasSame(anchor, 'day')
    ? monthOfAnchor
    : monthOfAnchor.minus({ months: 1 });
  const span = (from: DateTime, months: number) =>
    `from=${from.toISODate()}&to=${from.plus({ months }).minus({ days: 1 }).toISODate()}`;
  const q = practiceId === 'default' ? '' : `&practice=${encodeURIComponent(practiceId)}`;
  return [
    `/api/v1/kpis?${span(month, 1)}${q}`,
    `/api/v1/kpis?${span(month.minus({ months: 1 }), 1)}${q}`,
    `/api/v1/kpis?${span(month.minus({ months: 11 }), 12)}&by=month${q}`,
  ];
}

/**
 * Computes the overview of every practice once, in the background, so the first person to
 * open the dashboard finds its figures ready (the KPI route keeps them until the data changes).
 */
export async function prewarmOverview(app: OpenAPIHono, store: Store): Promise<void> {
  const ids = new Set(['default', ...(await listPractices(store.db)).map((p) => p.practice_id)]);
  for (const id of ids) {
    const q = id === 'default' ? '' : `?practice=${encodeURIComponent(id)}`;
    const range = (await (await app.request(`/api/v1/data-range${q}`)).json()) as {
      last: string | null;
    };
    if (range.last === null) continue;
    const practice = (await (await app.request(`/api/v1/practice${q}`)).json()) as {
      timezone: string;
    };
    const today = DateTime.now().setZone(practice.timezone).toISODate() ?? range.last;
    for (const path of overviewRequests(range.last, today, id)) await app.request(path);
  }
}
