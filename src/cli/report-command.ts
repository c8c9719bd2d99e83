import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { PROFILES, type Profile } from '../model/practice.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { getPractice } from '../store/practice.repository.js';
import { isMonthKey, monthlyReportData } from '../server/report/monthly-report-data.js';
import { PAPERS, renderReportPdf, type Paper } from '../server/report/render-report-pdf.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore } from './with-store.js';

interface ReportOptions extends CommonOptions {
  month: string;
  profile?: string;
  therapist?: string;
  paper: string;
  out: string;
}

/** `rapport report`: the monthly report of a practice (or of one therapist) as a PDF file. */
export function registerReport(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('report')
    .description('write the monthly report as a PDF: KPIs, changes, outcomes, targets, trends')
    .requiredOption('--month <YYYY-MM>', 'the month of the report')
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .option('--profile <id>', `benchmark profile: ${PROFILES.join(', ')}`)
    .option('--therapist <id>', "one therapist's figures beside the practice's")
    .option('--paper <size>', `paper size: ${Object.keys(PAPERS).join(', ')}`, 'a4')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default')
    .action((opts: ReportOptions) =>
      run(
        (async () => {
          if (!isMonthKey(opts.month)) {
            throw new AppError('USAGE', `--month must be YYYY-MM, got "${opts.month}"`);
          }
          if (
            opts.profile !== undefined &&
            !(PROFILES as readonly string[]).includes(opts.profile)
          ) {
            throw new AppError(
              'USAGE',
              `--profile must be one of ${PROFILES.join(', ')}, got "${opts.profile}"`,
            );
          }
          if (!(opts.paper in PAPERS)) {
            throw new AppError(
              'USAGE',
              `--paper must be one of ${Object.keys(PAPERS).join(', ')}, got "${opts.paper}"`,
            );
          }
          return withExistingStore(opts.db, async ({ db }) => {
            const practice = await getPractice(db, opts.practice);
            const data = await monthlyReportData(db, practice, {
              month: opts.month,
              ...(opts.profile ? { profile: opts.profile as Profile } : {}),
              therapist: opts.therapist ?? null,
            });
            const pdf = await renderReportPdf(data, opts.paper as Paper);
            await writeFile(opts.out, pdf);
            await appendAudit(db, {
              practice_id: practice.practice_id,
              actor: 'cli',
              action: 'export',
              target: 'report',
              details: { month: opts.month, therapist: opts.therapist ?? null, format: 'pdf' },
            });
            io.out(
              `wrote ${opts.out}: ${data.ids.length} KPIs, ${data.targets.length} targets, ${Math.round(pdf.length / 1024)} KB\n`,
            );
            return EXIT.ok;
          });
        })(),
      ),
    );
}
