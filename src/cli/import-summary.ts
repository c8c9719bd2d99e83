import type { Issue } from '../model/issue.js';
import type { ImportResult } from '../store/import-canonical.js';
import { splitIssuePath } from '../store/import-report.js';

const COLS = ['inserted', 'updated', 'unchanged', 'rejected', 'warnings'] as const;

/** Reasons printed on the terminal; the report holds them all. */
export const FIRST_REASONS = 5;

/** Codes of an error that rejects a whole file (at its header). */
const WHOLE_FILE = new Set(['missing_column', 'empty_file']);

/** The row label of issues that belong to no one file of the table. */
const OTHER = '(other)';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The end-of-import summary: a row per file, totals, time and speed, `notes` (e.g. the
 * unsupported FHIR resource types), the files rejected whole, how many errors and warnings the
 * report holds and where it is, and the first few reasons. Counts agree with the report: the
 * warnings column counts the report's warning lines of each file (those of no listed file go
 * to an "(other)" row), and a file rejected whole counts its rows as rejected.
 */
export function importSummary(r: ImportResult, notes: string[] = []): string {
  const byFile = new Map<string, number>();
  const names = new Set(r.files.map((f) => f.file));
  let otherWarnings = 0;
  for (const i of r.issues) {
    if (i.severity !== 'warning') continue;
    const file = splitIssuePath(i.path).file;
    if (names.has(file)) byFile.set(file, (byFile.get(file) ?? 0) + 1);
    else otherWarnings++;
  }
  const rows = r.files.map((f) => [
    f.file,
    ...COLS.map((c) => String(c === 'warnings' ? (byFile.get(f.file) ?? 0) : f[c])),
  ]);
  if (otherWarnings > 0) rows.push([OTHER, '', '', '', '', String(otherWarnings)]);
  const sum = (c: (typeof COLS)[number]) =>
    c === 'warnings'
      ? [...byFile.values()].reduce((a, b) => a + b, otherWarnings)
      : r.files.reduce((n, f) => n + f[c], 0);
  const table = [['file', ...COLS], ...rows, ['total', ...COLS.map((c) => String(sum(c)))]];
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
    ...issueLines(r.issues, r.reportPath),
    '',
  ].join('\n');
}

/** Files rejected whole, the report's counts and path, and its first reasons. */
function issueLines(issues: Issue[], reportPath: string | null): string[] {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const out: string[] = [];
  const whole = new Map<string, Set<string>>();
  for (const i of errors) {
    if (!WHOLE_FILE.has(i.code)) continue;
    const file = splitIssuePath(i.path).file;
    whole.set(file, (whole.get(file) ?? new Set()).add(i.code.replace('_', ' ')));
  }
  if (whole.size > 0) {
    const files = [...whole].map(([file, why]) => `${file} (${[...why].join(', ')})`);
    out.push(`rejected whole: ${plural(whole.size, 'file')}: ${files.join(', ')}`);
  }
  if (errors.length + warnings.length === 0) {
    out.push(reportPath ? `report: ${reportPath}` : 'no issues');
    return out;
  }
  const counts = `${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`;
  out.push(reportPath ? `${counts}; report: ${reportPath}` : counts);
  const shown = [...errors, ...warnings].slice(0, FIRST_REASONS);
  const width = Math.max(...shown.map((i) => i.path.length));
  for (const i of shown)
    out.push(`  ${i.severity.padEnd(7)} ${i.path.padEnd(width)}  ${i.message}`);
  const more = errors.length + warnings.length - shown.length;
  if (more > 0) out.push(`  … and ${more} more${reportPath ? ' in the report' : ''}`);
  return out;
}
