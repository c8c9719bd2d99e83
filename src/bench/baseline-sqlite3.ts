import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Whether the `sqlite3` shell is on the PATH (the baseline is skipped with a notice if not). */
export const hasSqlite3Shell = (): boolean =>
  spawnSync('sqlite3', ['-version'], { stdio: 'ignore' }).status === 0;

/**
 * The baseline a user of SQLite reaches for first: the `sqlite3` shell's `.import --csv` of every
 * CSV of the folder into a fresh database file (each table made from the file's header, every
 * value TEXT, no validation), timed as one run of the shell. Returns the rows it loaded.
 */
export function baselineSqlite3(folder: string, dbFile: string): number {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const script = [
    'PRAGMA journal_mode = WAL;',
    'PRAGMA synchronous = NORMAL;',
    ...files.map((f) => `.import --csv '${resolve(folder, f)}' "${f.replace(/\.csv$/, '')}"`),
    `SELECT ${files.map((f) => `(SELECT COUNT(*) FROM "${f.replace(/\.csv$/, '')}")`).join(' + ')};`,
  ].join('\n');
  const r = spawnSync('sqlite3', ['-batch', '-bail', dbFile], {
    input: script,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr || r.error?.message}`);
  const rows = Number(r.stdout.trim().split('\n').pop());
  if (!Number.isFinite(rows)) throw new Error(`sqlite3 printed no row count: ${r.stdout}`);
  return rows;
}
