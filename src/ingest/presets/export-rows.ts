import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** One CSV record and the 1-based line it starts on (the header is line 1). */
export interface ExportRow {
  line: number;
  cells: string[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * Streams an export CSV (UTF-8, optional BOM, LF or CRLF, RFC 4180 quotes) row by row with the
 * line each row starts on. Throws the parser's error (with `lines`) on a syntax error.
 */
export async function* readExportRows(path: string): AsyncGenerator<ExportRow> {
  const input = createReadStream(path);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      const { lines, empty_lines } = parsed.info;
      yield { line: lastLine + 1 + (empty_lines - lastEmpty), cells: parsed.record };
      lastLine = lines;
      lastEmpty = empty_lines;
    }
  } finally {
    input.destroy();
  }
}
