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
 * Streams an RFC 4180 CSV file (UTF-8, optional BOM, LF or CRLF, quoted commas and newlines)
 * with csv-parse, never reading the whole file: yields the records parsed so far in chunks, so
 * the consumer pays one await per chunk, not per row. Rows of any width are yielded.
 */
export async function* readCsvRecords(
  path: string,
  opts: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 18 });
  let bytes = 0;
  const onBytes = opts.onBytes;
  if (onBytes) {
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
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => wake?.();
  parser.on('readable', signal);
  parser.on('end', () => {
    done = true;
    signal();
  });
  parser.on('error', (e) => {
    failure = e;
    signal();
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for (;;) {
      const out: CsvRecord[] = [];
      let parsed: ParsedRecord | null;
      while ((parsed = parser.read() as ParsedRecord | null) !== null) {
        const { lines, empty_lines } = parsed.info;
        out.push({ line: lastLine + 1 + (empty_lines - lastEmpty), cells: parsed.record });
        lastLine = lines;
        lastEmpty = empty_lines;
      }
      if (out.length > 0) yield out;
      if (failure !== undefined) throw syntaxError(failure, lastLine + 1);
      if (done) return;
      // While the consumer held a chunk, 'readable' may have fired unheard: read again first.
      if (out.length > 0) continue;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
}

function syntaxError(e: unknown, line: number): unknown {
  const err = e as Error & { code?: string; lines?: number };
  if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    return new CsvSyntaxError(err.lines ?? line, err.message);
  }
  return e;
}
