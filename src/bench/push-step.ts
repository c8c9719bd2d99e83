import { startServer } from '../server/start-server.js';
import { createApiToken } from '../store/api-token.repository.js';
import { openStore } from '../store/database.js';
import { BENCH_MONTH } from './bench-periods.js';

/** Records per push: a client export sent in pieces. */
const BATCH = 200;
/** The reader asks again this long after each answer (a dashboard refreshing itself). */
const READ_EVERY_MS = Number(process.env.RAPPORT_BENCH_READ_EVERY_MS ?? 1_000);

/**
 * Push throughput over real HTTP: for `seconds`, batches of new clients are POSTed to the
 * practice one after the other; with `reader`, a dashboard polls that practice's KPIs for the
 * last month meanwhile, one second after each answer (each push makes its rollups stale). Records acknowledged per second.
 */
export async function pushStep(db: string, reader: boolean, seconds: number) {
  const store = await openStore(db);
  const server = await startServer({ store, port: 0, host: '127.0.0.1' });
  try {
    // The reader reads with the same token: a dashboard's session would do the same.
    const { token } = await createApiToken(store.db, 'default', 'bench', Date.now(), {
      scopes: ['records:write', 'kpis:read'],
    });
    const tag = reader ? 'r' : 'p';
    const end = performance.now() + seconds * 1000;
    let records = 0;
    let reads = 0;
    const pushes = (async () => {
      for (let n = 0; performance.now() < end; n++) {
        const body = Array.from({ length: BATCH }, (_, i) => ({
          client_id: `bench-${tag}-${n}-${i}`,
          created_at: '2026-10-15',
        }));
        const res = await fetch(`${server.url}/api/v1/clients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`push: HTTP ${res.status} ${await res.text()}`);
        records += BATCH;
      }
    })();
    const reads_ = (async () => {
      while (reader && performance.now() < end) {
        const res = await fetch(
          `${server.url}/api/v1/kpis?from=${BENCH_MONTH.from}&to=${BENCH_MONTH.to}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        if (!res.ok) throw new Error(`read: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        reads++;
        await new Promise((r) => setTimeout(r, READ_EVERY_MS));
      }
    })();
    const t = performance.now();
    await Promise.all([pushes, reads_]);
    const ms = performance.now() - t;
    return { ms, rows: records, extra: { reads } };
  } finally {
    await server.close();
    await store.close();
  }
}
