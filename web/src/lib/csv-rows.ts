import type { KpiResult } from '../api/api-types';
import type { CsvCell } from '../../../src/metrics/export/csv-text';

/** The columns of one KPI figure in a CSV download, after the columns that name the row. */
export const KPI_CSV_COLUMNS = [
  'value',
  'numerator',
  'denominator',
  'n',
  'ci_low',
  'ci_high',
  'band',
  'status',
] as const;

/**
 * One KPI figure as CSV cells: plain numbers (a spreadsheet computes with them), the band's id
 * and the status. A suppressed figure has no counts on the server either: its cells stay empty.
 */
export function kpiCsvCells(r: KpiResult | undefined): Record<string, CsvCell> {
  return {
    value: r?.value,
    numerator: r?.numerator,
    denominator: r?.denominator,
    n: r?.status === 'suppressed' ? null : r?.n,
    ci_low: r?.ci?.[0],
    ci_high: r?.ci?.[1],
    band: r?.band,
    status: r?.status ?? 'no_data',
  };
}
