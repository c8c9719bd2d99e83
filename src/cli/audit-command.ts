import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { listAudit } from '../store/audit-log.repository.js';
import { EXIT, type CliIO } from './cli-io.js';
import { withStore } from './with-store.js';

/** `rapport audit`: the append-only audit log, newest first (nothing edits or deletes it). */
export function registerAudit(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('audit')
    .description('list the audit log: sign-ins, user, role and token changes, imports, pushes')
    .option('--practice <id>', 'only the entries of this practice')
    .option('--limit <n>', 'how many entries', '200')
    .option('--json', 'print one JSON array')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .action((opts: { practice?: string; limit: string; json?: boolean; db?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const limit = Number(opts.limit);
          if (!Number.isInteger(limit) || limit < 1) {
            throw new AppError(
              'USAGE',
              `--limit must be a whole number above 0, got "${opts.limit}"`,
            );
          }
          const rows = await listAudit(db, { practiceId: opts.practice, limit });
          if (opts.json) {
            io.out(`${JSON.stringify(rows)}\n`);
            return EXIT.ok;
          }
          if (rows.length === 0) io.out('no entries\n');
          for (const e of rows) {
            io.out(
              `${new Date(e.at).toISOString()}  ${e.practice_id ?? '-'}  ${e.actor}  ${e.action}  ` +
                `${e.target ?? '-'}  ${JSON.stringify(e.details)}  ${e.address ?? '-'}\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
    );
}
