import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GROUP_BY } from '../metrics/catalog/catalog.types.js';
import { getCatalog } from '../metrics/catalog/catalog.js';
import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { kpiReportCsv } from '../metrics/export/kpi-report-csv.js';
import { AppError } from '../model/app-error.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { getPractice } from '../store/practice.repository.js';
import { EXIT, type CliIO } from './cli-io.js';
import {
  kpiComputeOptions,
  kpiQueryOptions,
  kpiReportJson,
  type KpiOptions,
} from './kpi-command.js';
import { withExistingStore } from './with-store.js';

interface ExportOptions extends Omit<KpiOptions, 'json'> {
  format: string;
  out?: string;
}

const FORMATS = ['csv', 'json'] as const;

/**
 * `rapport export`: the KPI report of `rapport kpi` as a file: JSON is the very document of
 * `kpi --json`, CSV one row per KPI × group. Standard output unless --out; written to the
 * audit log (what and which range, never the figures).
 */
export function registerExport(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  kpiQueryOptions(program.command('export'), `one row per KPI and ${GROUP_BY.join(', ')}`)
    .description('export the KPI report for a period as CSV or JSON (days --from..--to inclusive)')
    .option('--format <format>', `${FORMATS.join(' or ')}`, 'csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action((opts: ExportOptions) =>
      run(
        (async () => {
          if (!(FORMATS as readonly string[]).includes(opts.format)) {
            throw new AppError(
              'USAGE',
              `--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`,
            );
          }
          const options = kpiComputeOptions(opts);
          getCatalog();
          return withExistingStore(opts.db, async ({ db }) => {
            const practice = await getPractice(db, opts.practice);
            const report = await computeKpis(db, practice, options);
            const text = opts.format === 'json' ? kpiReportJson(report) : kpiReportCsv(report);
            if (opts.out !== undefined) {
              try {
                writeFileSync(opts.out, text);
              } catch (e) {
                throw new AppError(
                  'BAD_INPUT',
                  `cannot write ${opts.out}: ${(e as Error).message}`,
                );
              }
            } else {
              io.out(text);
            }
            await appendAudit(db, {
              practice_id: practice.practice_id,
              actor: 'cli',
              action: 'export',
              target: 'kpis',
              details: {
                what: 'kpi_report',
                format: opts.format,
                from: report.period.from,
                to: report.period.to,
                ...(options.by ? { by: options.by } : {}),
                ...(options.filter ? { filter: options.filter } : {}),
                to_file: opts.out !== undefined,
              },
            });
            if (opts.out !== undefined) io.err(`rapport: wrote ${opts.out}\n`);
            return EXIT.ok;
          });
        })(),
      ),
    );
}
