import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { activityFolder, tableCounts } from '../store/import-test-helpers.js';
import { openStore } from '../store/database.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { IMPORT_HEAP_MB } from './import-heap.js';

const BIN = fileURLToPath(new URL('../../bin/rapport.js', import.meta.url));

/** The processes whose parent is `pid`, with their command lines (Linux /proc). */
function childrenOf(pid: number): Array<{ pid: number; cmdline: string[] }> {
  const out: Array<{ pid: number; cmdline: string[] }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid: Number(name), cmdline });
    } catch {
      // The process ended while it was read.
    }
  }
  return out;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(statOf(pid));
const statOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
};

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
  return check();
}

for (const dialect of DIALECTS) {
  describe(`bin/rapport.js import under its heap limit on ${dialect}`, async () => {
    const skip =
      process.platform !== 'linux'
        ? 'reads /proc'
        : !existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))
          ? 'dist/ is not built (npm run build)'
          : ((await dialectSkipReason(dialect)) ?? false);

    it(
      'runs the import in a child with the limit, which rolls back when the parent is killed',
      { skip },
      async () => {
        // 200,000 events (about 9 MB): an import of a few seconds.
        const folder = activityFolder(300, 200_000);
        const store = await freshStore(dialect);
        await store.close();
        try {
          const parent = spawn(process.execPath, [BIN, 'import', folder, '--db', store.url], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, RAPPORT_IMPORT_HEAP_MB: '' },
          });
          let err = '';
          parent.stderr.on('data', (d: Buffer) => (err += d.toString()));
          const ended = new Promise<number | null>((r) => parent.on('exit', (code) => r(code)));
          let child: { pid: number; cmdline: string[] } | undefined;
          assert.ok(
            await until(() => (child = childrenOf(parent.pid!)[0]) !== undefined, 10_000),
            `no child process started: ${err}`,
          );
          assert.ok(
            child!.cmdline.includes(`--max-old-space-size=${IMPORT_HEAP_MB}`),
            child!.cmdline.join(' '),
          );
          // Let it open the store and load a while, then kill the parent alone.
          await sleep(1_500);
          assert.ok(alive(child!.pid), `the import ended before the kill: ${err}`);
          parent.kill('SIGKILL');
          await ended;
          assert.ok(await until(() => !alive(child!.pid), 30_000), 'the child ran on alone');
          const after = await openStore(store.url);
          try {
            assert.deepEqual(
              Object.values(await tableCounts(after.db)).filter((n) => n > 0),
              [],
              'nothing saved',
            );
            const logged = await after.db.selectFrom('imports').select('import_id').execute();
            assert.deepEqual(logged, [], 'no import logged');
          } finally {
            await after.close();
          }
        } finally {
          await store.drop();
        }
      },
    );

    it('runs it to the end and exits with its code', { skip }, async () => {
      const store = await freshStore(dialect);
      await store.close();
      try {
        const run = (env: Record<string, string>) =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const p = spawn(
              process.execPath,
              [
                BIN,
                'import',
                fileURLToPath(new URL('../../samples/small-practice', import.meta.url)),
                '--db',
                store.url,
              ],
              { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
            );
            let [out, err] = ['', ''];
            p.stdout.on('data', (d: Buffer) => (out += d.toString()));
            p.stderr.on('data', (d: Buffer) => (err += d.toString()));
            p.on('exit', (code) => resolve({ code, out, err }));
          });
        const ok = await run({ RAPPORT_IMPORT_HEAP_MB: '256' });
        assert.equal(ok.code, 0, ok.err);
        assert.match(ok.out, /into practice default: ok/);
        const bad = await run({ RAPPORT_IMPORT_HEAP_MB: 'lots' });
        assert.equal(bad.code, 1);
        assert.match(bad.err, /RAPPORT_IMPORT_HEAP_MB=lots: give the heap limit in whole MB/);
      } finally {
        await store.drop();
      }
    });
  });
}
