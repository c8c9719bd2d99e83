import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/**
 * Builds the web app when there is no build yet (set RAPPORT_WEB_REBUILD=1 to force). The test
 * runner (scripts/run-tests.js) rebuilds a build older than its sources before any browser test
 * starts, so that two test files running at once never build over each other.
 */
export function ensureWebBuild(): void {
  if (existsSync(`${WEB_DIST}/index.html`) && process.env.RAPPORT_WEB_REBUILD !== '1') return;
  const run = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('vite build failed');
}
