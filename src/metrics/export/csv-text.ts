import { csvField } from '../../demo/csv-line.js';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * A cell for a spreadsheet: empty for null, and a text that a spreadsheet would run as a
 * formula (=, +, @, or − not followed by a number) led by an apostrophe.
 */
function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  const text = String(v);
  if (typeof v !== 'number' && /^[=+@\t\r]|^-(?!\d)/.test(text)) return csvField(`'${text}`);
  return csvField(text);
}

/** RFC 4180 text: a header line and one line per row, each ending in CRLF. */
export function csvText(columns: readonly string[], rows: readonly Record<string, CsvCell>[]) {
  const line = (values: CsvCell[]) => `${values.map(cell).join(',')}\r\n`;
  return line([...columns]) + rows.map((r) => line(columns.map((c) => r[c]))).join('');
}
