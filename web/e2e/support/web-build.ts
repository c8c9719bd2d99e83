import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** The newest modification time of the files below `dir`, in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app when there is no build yet or a source file is newer than it, so a browser
 * test never runs against an old page (set RAPPORT_WEB_REBUILD=1 to force).
 */
export function ensureWebBuild(): void {
  const index = `${WEB_DIST}/index.html`;
  const fresh =
    existsSync(index) &&
    statSync(index).mtimeMs >= newest(fileURLToPath(new URL('../../src', import.meta.url)));
  if (fresh && process.env.RAPPORT_WEB_REBUILD !== '1') return;
  const run = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('vite build failed');
}
