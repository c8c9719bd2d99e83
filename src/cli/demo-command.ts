import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { SIZES, type Size } from '../demo/simulation-plan.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { importSummary } from './import-summary.js';
import { loadDemo } from './load-demo.js';
import { withStore } from './with-store.js';

interface DemoFlags extends CommonOptions {
  seed: string;
  size: string;
  end?: string;
}

/** Validates --size and --seed of the demo commands. */
export function demoChoice(size: string, seed: string): { size: Size; seed: number } {
  if (!(SIZES as readonly string[]).includes(size)) {
    throw new AppError('USAGE', `--size must be one of ${SIZES.join(', ')}, got "${size}"`);
  }
  const n = Number(seed);
  if (!Number.isInteger(n) || n < 0) {
    throw new AppError('USAGE', `--seed must be a whole number, got "${seed}"`);
  }
  return { size: size as Size, seed: n };
}

/** `rapport demo`: loads a simulated, realistic practice (deterministic for a seed and end). */
export function registerDemo(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('demo')
    .description('load a simulated demo practice (seeded, deterministic)')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id to load into', 'default')
    .option('--seed <n>', 'random seed', '1')
    .option('--size <size>', `practice size: ${SIZES.join(', ')}`, 'small')
    .option(
      '--end <date>',
      'last simulated day, YYYY-MM-DD (default: yesterday in the practice time zone)',
    )
    .action((opts: DemoFlags) =>
      run(
        (async () => {
          const { size, seed } = demoChoice(opts.size, opts.seed);
          if (opts.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.end)) {
            throw new AppError('USAGE', `--end must be YYYY-MM-DD, got "${opts.end}"`);
          }
          return withStore(opts.db, async (store) => {
            const r = await loadDemo(
              store,
              { size, seed, practiceId: opts.practice, end: opts.end },
              io,
            );
            io.out(importSummary(r));
            return EXIT.ok;
          });
        })(),
      ),
    );
}
