import type { Command } from 'commander';
import { appointmentRange } from '../store/appointment.repository.js';
import { appendAudit } from '../store/audit-log.repository.js';
import type { CliIO } from './cli-io.js';
import { demoChoice } from './demo-command.js';
import { loadDemo } from './load-demo.js';
import {
  checkPortFree,
  serveChoice,
  serveFlags,
  serveUntilStopped,
  type ServeFlags,
} from './serve-command.js';
import { withStore } from './with-store.js';

interface StartFlags extends ServeFlags {
  db?: string;
  demoSize: string;
  seed: string;
}

/**
 * `rapport start` (what `npm start` runs): the dashboard on the store, after filling it with a
 * demo practice when the practice has no appointments yet, so a first run shows real figures.
 * The port is tried first: a busy port fails before the store is opened or filled.
 */
export function registerStart(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  serveFlags(
    program
      .command('start')
      .description('open the dashboard; loads a demo practice first if the store is empty')
      .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)'),
    'practice id',
  )
    .option('--demo-size <size>', 'size of the demo practice loaded into an empty store', 'small')
    .option('--seed <n>', 'seed of the demo practice', '1')
    .action((opts: StartFlags) =>
      run(
        (async () => {
          const choice = serveChoice(opts);
          const demo = demoChoice(opts.demoSize, opts.seed);
          await checkPortFree(choice);
          return withStore(opts.db, async (store) => {
            const { first } = await appointmentRange(store.db, choice.practiceId);
            if (first === null) {
              io.err(
                `The store at ${store.location} has no appointments yet: loading a demo practice.\n`,
              );
              const r = await loadDemo(store, { ...demo, practiceId: choice.practiceId }, io);
              const rows = r.files.reduce((n, f) => n + f.inserted, 0);
              await appendAudit(store.db, {
                practice_id: choice.practiceId,
                actor: 'cli',
                action: 'import',
                target: r.importId,
                details: { format: 'demo', status: r.status, inserted: rows },
              });
              io.err(
                `Loaded ${rows} demo records. Load your own with: npx rapport import <folder>\n`,
              );
            }
            return serveUntilStopped(store, choice, io);
          });
        })(),
      ),
    );
}
