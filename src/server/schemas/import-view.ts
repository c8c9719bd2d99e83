import { basename } from 'node:path';
import { z } from 'zod';
import { formatInstant } from '../../model/instant.js';
import type { ImportsTable } from '../../store/tables.js';

/** One import run as the API shows it: instants as ISO strings, counts as an object. */
export const ZImportView = z
  .object({
    import_id: z.string(),
    source: z
      .string()
      .describe('the file or folder names imported (names only: the API never shows full paths)'),
    format: z.string(),
    started_at: z.string().describe('ISO 8601 instant in UTC'),
    finished_at: z.string().nullable().describe('ISO 8601 instant in UTC; null while running'),
    status: z.string(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    warnings: z.number().int(),
    counts: z
      .record(z.string(), z.unknown())
      .describe('per-entity counts, as the importer wrote them'),
    report_path: z.string().nullable().describe("the report file's name, without its folder"),
  })
  .meta({ id: 'Import' });
export type ImportView = z.infer<typeof ZImportView>;

function parseCounts(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The names of a space-separated list of paths (`/a/b/x.csv c/y.csv` → `x.csv y.csv`). */
export const namesOnly = (paths: string): string =>
  paths
    .split(' ')
    .map((p) => (p === '' ? p : basename(p.replace(/\\/g, '/'))))
    .join(' ');

export const toImportView = ({
  counts_json,
  practice_id: _p,
  ...row
}: ImportsTable): ImportView => ({
  ...row,
  source: namesOnly(row.source),
  report_path: row.report_path === null ? null : namesOnly(row.report_path),
  started_at: formatInstant(row.started_at),
  finished_at: row.finished_at === null ? null : formatInstant(row.finished_at),
  counts: parseCounts(counts_json),
});
