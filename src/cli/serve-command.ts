import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice } from '../model/practice.js';
import { displayUrl, startServer } from '../server/start-server.js';
import type { Store } from '../store/database.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withStore } from './with-store.js';

export { startServer, type RunningServer } from '../server/start-server.js';

interface ServeOptions extends CommonOptions {
  port: string;
  host: string;
}

const parsePort = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new AppError('USAGE', `--port must be a whole number from 0 to 65535, got "${v}"`);
  }
  return n;
};

/** Resolves on the first SIGINT or SIGTERM. */
const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });

export interface ServeChoice {
  port: number;
  host: string;
  practiceId: string;
}

/** Validates the --port and --practice flags shared by `serve` and `start`. */
export function serveChoice(opts: { port: string; host: string; practice: string }): ServeChoice {
  const port = parsePort(opts.port);
  const practice = ZPractice.shape.practice_id.safeParse(opts.practice);
  if (!practice.success) {
    throw new AppError('USAGE', `--practice: ${practice.error.issues[0]?.message}`);
  }
  return { port, host: opts.host, practiceId: practice.data };
}

/** Serves the store's API and dashboard until SIGINT or SIGTERM, saying where on stdout. */
export async function serveUntilStopped(
  store: Store,
  choice: ServeChoice,
  io: CliIO,
): Promise<number> {
  const { port, host, practiceId } = choice;
  const server = await startServer({ store, port, host, prewarm: true }).catch((e) => {
    throw new AppError('USAGE', `cannot listen on ${host}:${port}: ${e.message}`);
  });
  const url = displayUrl(host, server.port);
  const at = practiceId === 'default' ? url : `${url}/?practice=${practiceId}`;
  io.out(`Rapport is running at ${at}\n(press Ctrl+C to stop)\n`);
  const signal = await untilSignal();
  io.err(`rapport: ${signal} received, shutting down\n`);
  await server.close();
  return EXIT.ok;
}

/** `rapport serve`: the HTTP API and the web app, until SIGINT or SIGTERM. */
export function registerServe(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('serve')
    .description('serve the HTTP API and the web dashboard')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--practice <id>', 'practice id the dashboard opens with', 'default')
    .action((opts: ServeOptions) =>
      run(
        (async () => {
          const choice = serveChoice(opts);
          return withStore(opts.db, (store) => serveUntilStopped(store, choice, io));
        })(),
      ),
    );
}
