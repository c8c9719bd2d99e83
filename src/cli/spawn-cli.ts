import { spawn, type ChildProcess } from 'node:child_process';

const MAIN = new URL('./main.js', import.meta.url).href.replace(/\.js$/, '.ts');

/**
 * Starts `rapport <argv>` from the sources in a child process of its own (for tests that need
 * a second process on the same store, or one to kill). `done` resolves with its exit code (or
 * the signal that ended it) and what it printed.
 */
export function spawnCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`,
      ...argv,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    out: string;
    err: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}
