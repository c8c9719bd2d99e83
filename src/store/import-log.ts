import type { Db } from './database.js';
import type { FileCounts } from './import-file-counts.js';

export type ImportStatus = 'ok' | 'partial' | 'failed';

export interface ImportLogEntry {
  import_id: string;
  practice_id: string;
  source: string;
  format: string;
  started_at: number;
  finished_at: number;
  status: ImportStatus;
  files: FileCounts[];
  warnings: number;
  report_path: string | null;
}

const sum = (files: FileCounts[], k: 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
  files.reduce((n, f) => n + f[k], 0);

/** Records a finished import in the imports table: the only SQL for that table. */
export async function recordImport(db: Db, e: ImportLogEntry): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      import_id: e.import_id,
      practice_id: e.practice_id,
      source: e.source,
      format: e.format,
      started_at: e.started_at,
      finished_at: e.finished_at,
      status: e.status,
      inserted: sum(e.files, 'inserted'),
      updated: sum(e.files, 'updated'),
      unchanged: sum(e.files, 'unchanged'),
      rejected: sum(e.files, 'rejected'),
      warnings: e.warnings,
      counts_json: JSON.stringify(e.files),
      report_path: e.report_path,
    })
    .execute();
}
