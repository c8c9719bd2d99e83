import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import pg from 'pg';
import type { DialectName } from '../store/dialect.js';
import { freshStore, type TestStore } from '../store/test-dialects.js';
import { createApp } from './create-app.js';

export interface TestApp {
  app: OpenAPIHono;
  store: TestStore;
  /** GET `path` in process; resolves to the status and parsed JSON body. */
  get(path: string): Promise<{ status: number; body: unknown; type: string | null }>;
}

const PG_URL = process.env.RAPPORT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const MIGRATION_LOCK = 7_261_001;

/**
 * A fresh store; on PostgreSQL under a server-wide advisory lock, because Kysely's migrator finds
 * its bookkeeping tables in any schema and so races with another test process migrating a
 * sibling schema at the same moment (see the report on src/store/test-dialects.ts).
 */
async function lockedFreshStore(dialect: DialectName): Promise<TestStore> {
  if (dialect !== 'postgres') return freshStore(dialect);
  const lock = new pg.Client({ connectionString: PG_URL });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await freshStore(dialect);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

/**
 * Test harness: a fresh store of `dialect`, the app on it (with an empty web root unless one is
 * given), and the store dropped afterwards whatever `fn` does.
 */
export async function withTestApp(
  dialect: DialectName,
  fn: (t: TestApp) => Promise<void>,
  webRoot?: string,
): Promise<void> {
  const store = await lockedFreshStore(dialect);
  const emptyRoot = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  try {
    const app = createApp({ store, webRoot: webRoot ?? emptyRoot });
    const get = async (path: string) => {
      const res = await app.request(path);
      const type = res.headers.get('content-type');
      const text = await res.text();
      return { status: res.status, type, body: type?.includes('json') ? JSON.parse(text) : text };
    };
    await fn({ app, store, get });
  } finally {
    await store.drop();
    rmSync(emptyRoot, { recursive: true, force: true });
  }
}
