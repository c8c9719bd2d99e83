import { startServer } from '../server/start-server.js';
import { createApiToken, revokeApiToken } from '../store/api-token.repository.js';
import { openStore } from '../store/database.js';
import {
  BENCH_MONTH,
  BENCH_PREVIOUS_MONTH,
  BENCH_TWO_YEARS,
  BENCH_YEAR,
  bestOf,
} from './bench-periods.js';

/**
 * What the overview page asks the API for (practice, catalog, this month, the month before and
 * twelve months by month, in parallel as the browser does), over real HTTP: once on a cold
 * server (nothing computed yet), then on the warm server (reports kept until data changes).
 * Then every KPI for 24 months by month the same way: its first request, then asked again
 * (the warm figure of issue 14's second aim, as a dashboard gets it).
 */
export async function apiOverviewStep(db: string) {
  const store = await openStore(db);
  const server = await startServer({ store, port: 0, host: '127.0.0.1' });
  // Every route wants credentials: a read token stands in for the browser's session.
  const { token, info } = await createApiToken(store.db, 'default', 'bench', Date.now(), {
    scopes: ['kpis:read'],
  });
  try {
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    const q = (p: { from: string; to: string }, by?: string) =>
      `/api/v1/kpis?from=${p.from}&to=${p.to}${by ? `&by=${by}` : ''}`;
    const overview = () =>
      Promise.all([
        get('/api/v1/practice'),
        get('/api/v1/catalog'),
        get(q(BENCH_MONTH)),
        get(q(BENCH_PREVIOUS_MONTH)),
        get(q(BENCH_YEAR, 'month')),
      ]);
    const t = performance.now();
    await overview();
    const coldMs = performance.now() - t;
    const ms = await bestOf(3, overview);
    const twoYears = () => get(q(BENCH_TWO_YEARS, 'month'));
    const c = performance.now();
    await twoYears();
    const twoYearsColdMs = performance.now() - c;
    const twoYearsWarmMs = await bestOf(3, twoYears);
    return { ms, rows: 0, extra: { coldMs, twoYearsColdMs, twoYearsWarmMs } };
  } finally {
    await revokeApiToken(store.db, info.token_id);
    await server.close();
    await store.close();
  }
}
