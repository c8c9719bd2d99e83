import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { DialectName } from '../store/dialect.js';
import { freshStore, type TestStore } from '../store/test-dialects.js';
import { createApp } from './create-app.js';

export interface TestApp {
  app: OpenAPIHono;
  store: TestStore;
  /** GET `path` in process; resolves to the status and parsed JSON body. */
  get(path: string): Promise<{ status: number; body: unknown; type: string | null }>;
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
  const store = await freshStore(dialect);
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
