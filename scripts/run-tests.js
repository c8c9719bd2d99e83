#!/usr/bin/env node
// Runs every test file (src/**/*.test.ts and the browser tests web/e2e/**/*.e2e.test.ts) with
// Node's test runner through tsx.
// Usage: node scripts/run-tests.js [path-filter...]
// With RAPPORT_REQUIRE_ALL_DIALECTS=1 (CI) a skipped test is a failure: every suite must run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.test\.tsx?$/.test(e.name)) files.push(p);
  }
};
walk('src');
walk('web/e2e');
const selected = files
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (selected.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}

// Browser tests need a web build no older than its sources; build it once here, before the test
// files start (two of them building at once would overwrite each other's pages).
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
if (selected.some((f) => f.startsWith(join('web', 'e2e')))) {
  const index = join('web', 'dist', 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < newest(join('web', 'src'));
  if (stale) {
    console.log('run-tests: the web build is older than web/src; building it first');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const tap = join(mkdtempSync(join(tmpdir(), 'rapport-tap-')), 'results.tap');
// The query log (src/store/query-log.ts): every store the tests open records its statements
// here, and the run fails on any that reaches a practice table without a practice_id condition.
// RAPPORT_QUERY_LOG=off turns it off.
const queryLogOff = process.env.RAPPORT_QUERY_LOG === 'off';
const queryLog = queryLogOff ? '' : mkdtempSync(join(tmpdir(), 'rapport-query-log-'));
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...selected,
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ...(queryLogOff ? { RAPPORT_QUERY_LOG: '' } : { RAPPORT_QUERY_LOG: queryLog }),
    },
  },
);
const out = readFileSync(tap, 'utf8');
const count = (k) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
const [pass, fail, skipped, cancelled] = ['pass', 'fail', 'skipped', 'cancelled'].map(count);
// A failed before-hook fails no test of its own: the tests under it are cancelled.
console.log(
  `\ntests: ${pass} passed, ${fail} failed, ${skipped} skipped${cancelled ? `, ${cancelled} cancelled (a hook or file failed)` : ''}`,
);
if (process.env.RAPPORT_REQUIRE_ALL_DIALECTS === '1' && skipped > 0) {
  const names = out.match(/^\s*ok \d+ - .*# SKIP.*$/gm) ?? [];
  console.error(`run-tests: ${skipped} test(s) skipped, but CI requires every suite to run:`);
  for (const n of names) console.error(`  ${n.trim()}`);
  process.exit(1);
}
if (!queryLogOff) {
  const check = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('scripts', 'check-query-log.ts'), queryLog],
    { stdio: 'inherit' },
  );
  if (check.status !== 0) process.exit(result.status || 1);
}
process.exit(result.status ?? 1);
