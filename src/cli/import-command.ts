import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CSV_ENCODINGS, type CsvEncoding } from '../ingest/csv-records.js';
import { skippedEncountersNote } from '../ingest/fhir/index.js';
import { planCanonicalSources } from '../ingest/plan-canonical-sources.js';
import { PRESETS } from '../ingest/presets/index.js';
import { AppError } from '../model/app-error.js';
import {
  importCanonical,
  type ImportOptions,
  type ImportResult,
} from '../store/import-canonical.js';
import { importExport, importFhir } from '../store/import-external.js';
import { EXIT, type CliIO } from './cli-io.js';
import { importSummary } from './import-summary.js';
import { progressBar } from './import-progress.js';
import { refreshAfterImport } from './refresh-after-import.js';
import { withStore } from './with-store.js';
import { appendAudit } from '../store/audit-log.repository.js';

interface ImportOpts {
  db?: string;
  practice?: string;
  format?: string;
  mapping?: string;
  report?: string;
  encoding?: string;
}

const FORMATS = ['canonical', 'fhir', ...Object.keys(PRESETS), 'custom'];

/** `rapport import <sources>...`: loads canonical CSV, FHIR or a scheduling export in one transaction. */
export function registerImport(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  program
    .command('import')
    .description(
      'load canonical CSV, FHIR R4 JSON/NDJSON, or a scheduling export (preset or mapping file)',
    )
    .argument('<sources...>', 'folders or files (canonical CSV, FHIR, or an export file)')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--format <format>', `input format: ${FORMATS.join('|')} (default: canonical)`)
    .option('--mapping <file>', 'a JSON mapping file for an export (implies --format custom)')
    .option('--practice <id>', 'practice id (default: practice.json, else "default")')
    .option('--report <path>', 'where to write the issue report')
    .option(
      '--encoding <encoding>',
      `how canonical CSV files are decoded: ${CSV_ENCODINGS.join('|')} (default: utf8; latin1 reads as windows-1252)`,
    )
    .action((sources: string[], opts: ImportOpts) => run(importAction(sources, opts, io)));
}

/** The format asked for: --format, else custom when a mapping file is given, else canonical. */
function formatOf(opts: ImportOpts): string {
  const format = opts.format ?? (opts.mapping ? 'custom' : 'canonical');
  if (!FORMATS.includes(format)) {
    throw new AppError('USAGE', `format ${format} is not supported (use ${FORMATS.join(', ')})`);
  }
  if (format === 'custom' && !opts.mapping) {
    throw new AppError('USAGE', '--format custom needs --mapping <file.json>');
  }
  if (opts.mapping && format !== 'custom') {
    throw new AppError('USAGE', `--mapping goes with --format custom, not ${format}`);
  }
  return format;
}

/** The --encoding asked for (canonical CSV only), or undefined. */
function encodingOf(opts: ImportOpts, format: string): CsvEncoding | undefined {
  if (opts.encoding === undefined) return undefined;
  const e = opts.encoding.toLowerCase().replace(/^utf-8$/, 'utf8');
  if (!(CSV_ENCODINGS as readonly string[]).includes(e)) {
    throw new AppError(
      'USAGE',
      `encoding ${opts.encoding} is not supported (use ${CSV_ENCODINGS.join(', ')})`,
    );
  }
  if (format !== 'canonical') {
    throw new AppError('USAGE', `--encoding applies to canonical CSV files, not ${format}`);
  }
  return e as CsvEncoding;
}

async function importAction(sources: string[], opts: ImportOpts, io: CliIO): Promise<number> {
  const format = formatOf(opts);
  const encoding = encodingOf(opts, format);
  // A folder with nothing to import is a usage error before any store is opened (or created).
  if (format === 'canonical') planCanonicalSources(sources);
  if (format !== 'canonical') {
    const missing = sources.filter((s) => !existsSync(s));
    if (missing.length > 0)
      throw new AppError('USAGE', `no such file or folder: ${missing.join(', ')}`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressBar(io);
  try {
    return await withStore(opts.db, async (store) => {
      const common: ImportOptions = {
        practiceId: opts.practice,
        reportPath: opts.report,
        signal: controller.signal,
        onProgress: bar.update,
        encoding,
      };
      let notes: string[] = [];
      let result: ImportResult;
      try {
        if (format === 'canonical') result = await importCanonical(store, sources, common);
        else if (format === 'fhir') {
          const r = await importFhir(store, sources, common);
          const unsupported = Object.entries(r.unsupported).sort(([a], [b]) => a.localeCompare(b));
          if (unsupported.length > 0) {
            const list = unsupported.map(([type, n]) => `${type} ${n}`).join(', ');
            notes = [`unsupported FHIR resources (ignored): ${list}`];
          }
          const skipped = skippedEncountersNote(r.skippedEncounters);
          if (skipped) notes.push(skipped);
          result = r;
        } else {
          const mapping = format === 'custom' ? opts.mapping! : format;
          result = await importExport(store, sources, mapping, common);
        }
      } catch (e) {
        // Only the import itself is in here: its one transaction (data, log and report) was
        // rolled back, so "nothing was saved" is true of every error that reaches this point.
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
      bar.done();
      const sum = (k: 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
        result.files.reduce((n, f) => n + f[k], 0);
      await appendAudit(store.db, {
        practice_id: result.practice.practice_id,
        actor: 'cli',
        action: 'import',
        target: result.importId,
        details: {
          format,
          status: result.status,
          inserted: sum('inserted'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
          rejected: sum('rejected'),
        },
      });
      if (result.status !== 'failed') {
        await refreshAfterImport(store, result.practice.practice_id, io);
      }
      io.out(importSummary(result, notes));
      return result.issues.some((i) => i.severity === 'error') ? EXIT.partial : EXIT.ok;
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
