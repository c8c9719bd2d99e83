import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { importCanonical } from '../store/import-canonical.js';
import { EXIT, type CliIO } from './cli-io.js';
import { importSummary } from './import-summary.js';
import { progressBar } from './import-progress.js';
import { withStore } from './with-store.js';

interface ImportOpts {
  db?: string;
  practice?: string;
  format: string;
  report?: string;
}

/** `rapport import <folder-or-file>...`: loads canonical CSV data in one transaction. */
export function registerImport(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('import')
    .description('load a canonical CSV folder (or entity files) into the store')
    .argument('<sources...>', 'canonical folders, or CSV files named after an entity')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--format <format>', 'input format: canonical', 'canonical')
    .option('--practice <id>', 'practice id (default: practice.json, else "default")')
    .option('--report <path>', 'where to write the issue report')
    .action((sources: string[], opts: ImportOpts) => run(importAction(sources, opts, io)));
}

async function importAction(sources: string[], opts: ImportOpts, io: CliIO): Promise<number> {
  if (opts.format !== 'canonical') {
    throw new AppError('USAGE', `format ${opts.format} is not supported yet`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressBar(io);
  try {
    return await withStore(opts.db, async (store) => {
      try {
        const r = await importCanonical(store, sources, {
          practiceId: opts.practice,
          reportPath: opts.report,
          signal: controller.signal,
          onProgress: bar.update,
        });
        bar.done();
        io.out(importSummary(r));
        return r.issues.some((i) => i.severity === 'error') ? EXIT.partial : EXIT.ok;
      } catch (e) {
        bar.done();
        if (controller.signal.aborted) {
          throw new AppError('BAD_INPUT', 'import interrupted: nothing was saved (rolled back)');
        }
        if (e instanceof AppError) throw e;
        throw new AppError(
          'INTERNAL',
          `import failed and was rolled back, nothing was saved: ${(e as Error).message}`,
        );
      }
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
