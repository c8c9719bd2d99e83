import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** Builds the web app once when there is no build yet (set RAPPORT_WEB_REBUILD=1 to force). */
export function ensureWebBuild(): void {
  if (existsSync(`${WEB_DIST}/index.html`) && process.env.RAPPORT_WEB_REBUILD !== '1') return;
  const run = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('vite build failed');
}
