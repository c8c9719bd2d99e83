import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { AppError } from '../model/app-error.js';
import type { Issue } from '../model/issue.js';
import type { Db, Store } from './database.js';
import { analyzeAfterLoad } from './dialect.js';
import type { FileCounts } from './import-file-counts.js';
import { recordImport, type ImportStatus } from './import-log.js';
import { defaultReportPath, writeImportReport } from './import-report.js';

export interface FinishedImport {
  importId: string;
  status: ImportStatus;
  finishedAt: number;
  /** The report file, written only when there were issues. */
  reportPath: string | null;
}

export interface FinishImportInput {
  practiceId: string;
  source: string;
  format: string;
  startedAt: number;
  files: FileCounts[];
  issues: Issue[];
  /** Where the report goes (undefined: the default place; false: none). */
  reportPath: string | false | undefined;
}

/**
 * The last step of every import, run INSIDE its transaction: the status, the issue report and
 * the import log. The report is written before the commit, so a report that cannot be written
 * rolls the import back (and the caller says so truthfully); the log row commits with the data
 * or not at all, so no kill can leave data without its log entry (which the data version and
 * every cache are keyed by). `discard` removes a written report when the commit then fails.
 */
export async function finishImport(
  trx: Db,
  store: Pick<Store, 'dialect' | 'location'>,
  input: FinishImportInput,
): Promise<FinishedImport & { discard(): void }> {
  const { files, issues } = input;
  const finishedAt = Date.now();
  const rejected = files.reduce((n, f) => n + f.rejected, 0);
  const errors = issues.some((i) => i.severity === 'error');
  const loaded = files.reduce((n, f) => n + f.inserted + f.updated + f.unchanged, 0);
  const status: ImportStatus = !errors ? 'ok' : loaded > 0 || rejected === 0 ? 'partial' : 'failed';
  let reportPath: string | null = null;
  if (input.reportPath !== false && issues.some((i) => i.severity !== 'info')) {
    reportPath = input.reportPath ?? defaultReportPath(store, new Date(input.startedAt));
    try {
      await writeImportReport(reportPath, issues);
    } catch (e) {
      throw new AppError(
        'BAD_INPUT',
        `cannot write the issue report to ${reportPath} (${(e as Error).message}): the import was rolled back, nothing was saved`,
      );
    }
  }
  await analyzeAfterLoad(
    trx,
    files.map((f) => ({ table: f.entity, rows: f.inserted + f.updated })),
  );
  const importId = `imp_${input.startedAt.toString(36)}_${randomUUID().slice(0, 8)}`;
  await recordImport(trx, {
    import_id: importId,
    practice_id: input.practiceId,
    source: input.source,
    format: input.format,
    started_at: input.startedAt,
    finished_at: finishedAt,
    status,
    files,
    // As the report and the summary count them: one per warning line of the report.
    warnings: issues.filter((i) => i.severity === 'warning').length,
    report_path: reportPath,
  });
  const written = reportPath;
  return {
    importId,
    status,
    finishedAt,
    reportPath,
    discard: () => {
      if (written) rmSync(written, { force: true });
    },
  };
}
