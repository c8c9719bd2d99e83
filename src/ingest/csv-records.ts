import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** One CSV record and the 1-based physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV syntax error the parser cannot recover from (an unclosed quote, say). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvReadOptions {
  /** Called with the bytes read from the file so far. */
  onBytes?: (bytes: number) => void;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * Streams an RFC 4180 CSV file (UTF-8, optional BOM, LF or CRLF, quoted commas and newlines):
 * never reads the whole file. Rows of any length are yielded; the caller judges their width.
 */
export async function* readCsvRecords(
  path: string,
  opts: CsvReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  if (opts.onBytes) {
    const onBytes = opts.onBytes;
    input.on('data', (chunk) => {
      bytes += chunk.length;
      onBytes(bytes);
    });
  }
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
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
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      throw new CsvSyntaxError(err.lines ?? lastLine + 1, err.message);
    }
    throw e;
  } finally {
    input.destroy();
  }
}
