import type { ImportResult } from '../store/import-canonical.js';

const COLS = ['inserted', 'updated', 'unchanged', 'rejected', 'warnings'] as const;

/**
 * The end-of-import summary: a row per file, totals, time and speed, `notes` (e.g. the
 * unsupported FHIR resource types), the report's path.
 */
export function importSummary(r: ImportResult, notes: string[] = []): string {
  const rows = r.files.map((f) => [f.file, ...COLS.map((c) => String(f[c]))]);
  const totals = COLS.map((c) => String(r.files.reduce((n, f) => n + f[c], 0)));
  const table = [['file', ...COLS], ...rows, ['total', ...totals]];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  const read = r.files.reduce((n, f) => n + f.read, 0);
  const secs = Math.max(0.001, (r.finishedAt - r.startedAt) / 1000);
  return [
    `import ${r.importId} into practice ${r.practice.practice_id}: ${r.status}`,
    ...table.map(line),
    `${read} rows in ${secs.toFixed(1)} s (${Math.round(read / secs)} rows/s)`,
    ...notes,
    r.reportPath ? `report: ${r.reportPath}` : 'no issues',
    '',
  ].join('\n');
}
