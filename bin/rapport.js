#!/usr/bin/env node
// The `rapport` binary: runs the compiled CLI (built by `npm install` through the prepare script).
// `rapport import` runs again in a child process under a heap limit (dist/cli/import-heap.js).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'rapport: the project is not built yet; run `npm install` (or `npm run build`) first.\n',
  );
  process.exit(3);
}
const args = process.argv.slice(2);
const { importHeapFlags } = await import(
  new URL('../dist/cli/import-heap.js', import.meta.url).href
);
let flags = null;
try {
  flags = importHeapFlags(args, process.execArgv, process.env);
} catch (e) {
  process.stderr.write(`rapport: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
if (flags) {
  // The child gets Ctrl-C from the terminal itself (one process group): this process only waits
  // for it, passes on a termination, and ends as it ended. The IPC channel tells the child when
  // this process is gone (killed), so that it rolls its import back rather than run on alone.
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...args],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, RAPPORT_HEAP_CHILD: '1' },
    },
  );
  process.on('SIGINT', () => {});
  for (const s of ['SIGTERM', 'SIGHUP']) process.on(s, () => child.kill(s));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 3);
  });
} else {
  if (process.channel && process.env.RAPPORT_HEAP_CHILD === '1') {
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGINT'));
  }
  const { main } = await import(entry.href);
  process.exitCode = await main(args);
}
