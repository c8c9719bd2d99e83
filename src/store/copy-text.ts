import type { Cell } from '../ingest/table-batches.js';

/**
 * One cell in PostgreSQL's COPY text format: `\N` for null; backslash, tab, newline and
 * carriage return written as backslash escapes (the only characters the format gives a
 * meaning); every other character, any Unicode, as it is (the connection speaks UTF-8).
 * Numbers as JavaScript writes them, which is also how a query parameter sends them.
 */
export function copyCell(cell: Cell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'number') return String(cell);
  if (!/[\\\t\n\r]/.test(cell)) return cell;
  return cell.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Rows as COPY text: cells joined by tabs, each row ended by a newline. */
export function copyText(rows: ReadonlyArray<readonly Cell[]>): string {
  let out = '';
  for (const r of rows) {
    for (let c = 0; c < r.length; c++) out += (c === 0 ? '' : '\t') + copyCell(r[c]!);
    out += '\n';
  }
  return out;
}
