import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { DialectName } from '../store/dialect.js';
import { createSession } from '../store/session.repository.js';
import { freshStore, type TestStore } from '../store/test-dialects.js';
import { createUser, setMembership } from '../store/user.repository.js';
import { SESSION_COOKIE } from './auth/session-cookie.js';
import { createApp } from './create-app.js';

export interface TestApp {
  app: OpenAPIHono;
  store: TestStore;
  /**
   * GET `path` in process as an owner of the practice it names (`?practice=`, else `default`);
   * resolves to the status and parsed JSON body.
   */
  get(path: string): Promise<{ status: number; body: unknown; type: string | null }>;
  /** Headers of that owner's session (cookie, CSRF token, same origin) for other requests. */
  ownerHeaders: Record<string, string>;
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
    const owner = await createUser(store.db, { login: 'test-owner', display_name: 'Test owner' });
    const session = await createSession(store.db, owner.user_id, 'default');
    const ownerHeaders = {
      cookie: `${SESSION_COOKIE}=${session.sessionId}`,
      'x-csrf-token': session.csrfToken,
      origin: 'http://localhost',
    };
    const owned = new Set<string>();
    const get = async (path: string) => {
      const practice = new URL(path, 'http://localhost').searchParams.get('practice') ?? 'default';
      if (!owned.has(practice)) {
        const m = { practice_id: practice, role: 'owner', therapist_id: null } as const;
        await setMembership(store.db, owner.user_id, m);
        owned.add(practice);
      }
      const res = await app.request(path, { headers: { cookie: ownerHeaders.cookie } });
      const type = res.headers.get('content-type');
      const text = await res.text();
      return { status: res.status, type, body: type?.includes('json') ? JSON.parse(text) : text };
    };
    await fn({ app, store, get, ownerHeaders });
  } finally {
    await store.drop();
    rmSync(emptyRoot, { recursive: true, force: true });
  }
}
