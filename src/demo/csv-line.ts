const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted (with doubled quotes) only when it holds a comma, quote or newline. */
export const csvField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** One CSV line (with CRLF-free `\n` ending) of the given columns of a row; missing cells are empty. */
export function csvLine(columns: readonly string[], row: Record<string, string>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += ',';
    const v = row[columns[i]!];
    if (v) line += csvField(v);
  }
  return line + '\n';
}
