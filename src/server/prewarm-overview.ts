import type { OpenAPIHono } from '@hono/zod-openapi';
import { DateTime } from 'luxon';
import { defaultPeriod, previousPeriod, trailingMonths } from '../metrics/periods/local-days.js';
import type { Store } from '../store/database.js';
import { listPractices } from '../store/practice.repository.js';
import { internalEnv } from './auth/grant.js';

/**
 * The KPI requests the dashboard's overview makes on opening (web/src/pages/overview-page.tsx),
 * from the same period rules: the default period for the data range's last day (which the
 * data-range route never lets pass today), the period before, and twelve months by month.
 */
export function overviewRequests(lastDataDay: string, today: string, practiceId: string): string[] {
  const period = defaultPeriod(lastDataDay, today);
  const before = previousPeriod(period);
  const year = trailingMonths(period.to, 12);
  const q = practiceId === 'default' ? '' : `&practice=${encodeURIComponent(practiceId)}`;
  return [
    `/api/v1/kpis?from=${period.from}&to=${period.to}${q}`,
    `/api/v1/kpis?from=${before.from}&to=${before.to}${q}`,
    `/api/v1/kpis?from=${year.from}&to=${year.to}&by=month${q}`,
  ];
}

/**
 * Computes the overview of every practice once, in the background, so the first person to
 * open the dashboard finds its figures ready (the KPI route keeps them until the data changes).
 */
export async function prewarmOverview(app: OpenAPIHono, store: Store): Promise<void> {
  // The server's own requests: let in by the access middleware without a session.
  const request = (path: string) => app.request(path, undefined, internalEnv());
  const ids = new Set(['default', ...(await listPractices(store.db)).map((p) => p.practice_id)]);
  for (const id of ids) {
    const q = id === 'default' ? '' : `?practice=${encodeURIComponent(id)}`;
    const range = (await (await request(`/api/v1/data-range${q}`)).json()) as {
      last: string | null;
    };
    if (range.last === null) continue;
    const practice = (await (await request(`/api/v1/practice${q}`)).json()) as {
      timezone: string;
    };
    const today = DateTime.now().setZone(practice.timezone).toISODate() ?? range.last;
    for (const path of overviewRequests(range.last, today, id)) await request(path);
  }
}
