import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono, MiddlewareHandler } from 'hono';
import { notBuiltPage } from './not-built-page.js';

/** `web/dist` of the checkout (this file is src/server/web or dist/server/web). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built web app from `webRoot`: its files, and index.html for any other GET outside
 * /api (the app routes in the browser). Without a build, a page saying how to make one.
 * Whether the build exists is checked per request, so building while the server runs works.
 */
export function mountWebApp<E extends Env>(app: Hono<E>, webRoot: string): void {
  const index = join(webRoot, 'index.html');
  let files: MiddlewareHandler | undefined;
  let fallback: MiddlewareHandler | undefined;
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    if (!existsSync(index)) return c.html(notBuiltPage(webRoot), 503);
    files ??= serveStatic({ root: webRoot });
    fallback ??= serveStatic({ path: index });
    const served = await files(c, async () => undefined);
    if (served) return served;
    return fallback(c, next);
  });
}
