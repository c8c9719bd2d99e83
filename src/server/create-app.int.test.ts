import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withTestApp } from './test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

describe('the app', () => {
  it('answers an unknown /api route with 404 NOT_FOUND in the error shape', () =>
    withTestApp('sqlite', async ({ get, app }) => {
      const r = await get('/api/v1/nothing-here');
      assert.equal(r.status, 404);
      assert.equal((r.body as ErrorBody).error.code, 'NOT_FOUND');
      assert.match((r.body as ErrorBody).error.message, /\/api\/v1\/nothing-here/);
      const post = await app.request('/api/v1/practice', { method: 'POST' });
      assert.equal(post.status, 404);
      assert.equal(((await post.json()) as ErrorBody).error.code, 'NOT_FOUND');
    }));

  it('answers an internal failure with 500 INTERNAL and no stack', () =>
    withTestApp('sqlite', async ({ get, store }) => {
      await store.db.schema.dropTable('therapists').execute();
      const original = console.error;
      console.error = () => undefined;
      try {
        const r = await get('/api/v1/therapists');
        assert.equal(r.status, 500);
        assert.deepEqual(r.body, { error: { code: 'INTERNAL', message: 'internal error' } });
      } finally {
        console.error = original;
      }
    }));
});

describe('the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'rapport-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rapport app</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  after(() => rmSync(root, { recursive: true, force: true }));

  it('serves the built files and index.html for app paths outside /api', () =>
    withTestApp(
      'sqlite',
      async ({ get }) => {
        const js = await get('/assets/app.js');
        assert.equal(js.status, 200);
        assert.match(js.type ?? '', /javascript/);
        assert.equal(js.body, 'console.log(1)');
        for (const path of ['/', '/kpi/session_completion_rate', '/data?practice=x']) {
          const page = await get(path);
          assert.equal(page.status, 200, path);
          assert.match(String(page.body), /Rapport app/, path);
        }
        const api = await get('/api/v2/kpis');
        assert.equal(api.status, 404);
        assert.equal((api.body as ErrorBody).error.code, 'NOT_FOUND');
      },
      root,
    ));

  it('says how to build the web app when web/dist is missing', () =>
    withTestApp(
      'sqlite',
      async ({ get }) => {
        const page = await get('/');
        assert.equal(page.status, 503);
        assert.match(page.type ?? '', /text\/html/);
        assert.match(
          String(page.body),
          /the web app is not built: run <code>npm run build<\/code>/i,
        );
        assert.equal((await get('/api/v1/practice')).status, 200);
      },
      join(root, 'missing'),
    ));
});
