import { createReadStream } from 'node:fs';
import { CsvParser, CsvSyntaxError, type CsvRecord } from './csv-parser.js';

export { CsvSyntaxError, type CsvRecord } from './csv-parser.js';

/** The text encodings a CSV file may be read in (TextDecoder labels). */
export const CSV_ENCODINGS = ['utf8', 'latin1', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export interface CsvReadOptions {
  /** Called with the bytes read from the file so far. */
  onBytes?: (bytes: number) => void;
  /** Bytes read at a time (tests use tiny chunks to cross every boundary); default 256 KiB. */
  chunkSize?: number;
  /** See CsvParserOptions.recover; also turns rows that are not valid UTF-8 into error records. */
  recover?: boolean;
  /** How the bytes are decoded (default utf8; latin1 is read as windows-1252, as browsers do). */
  encoding?: CsvEncoding;
}

/**
 * How many bytes at the end of `b` are the start of a UTF-8 character that the next chunk
 * completes (0 when `b` ends on a character boundary, or on bytes that are simply invalid).
 */
export function utf8Tail(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back]!;
    if (c < 0x80) return 0;
    if (c < 0xc0) continue; // a continuation byte: look further back for the lead
    const len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 0;
    return len > back ? back : 0;
  }
  return 0;
}

const NOT_UTF8 =
  'is not valid UTF-8 text: the row is rejected (if the file was saved as Latin-1 or ' +
  'Windows-1252, import it with --encoding latin1)';

/**
 * Streams an RFC 4180 CSV file (UTF-8 or Latin-1, optional BOM, LF, CRLF or CR, quoted commas
 * and newlines), never reading the whole file: yields the records of each chunk read, so the
 * consumer pays one await per chunk, not per row. Rows of any width are yielded. Bytes that are
 * not UTF-8 never become U+FFFD silently: without `recover` they throw a CsvSyntaxError naming
 * the line; with it, each record holding them is an error record. Throws CsvSyntaxError when the
 * file ends inside a quoted field (unless `recover`).
 */
export async function* readCsvRecords(
  path: string,
  opts: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const input = createReadStream(path, { highWaterMark: opts.chunkSize ?? 1 << 18 });
  const utf8 = (opts.encoding ?? 'utf8') === 'utf8';
  const single = utf8 ? undefined : new TextDecoder('windows-1252');
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parser = new CsvParser({ recover: opts.recover });
  /** Start lines of records that hold bytes which are not UTF-8. */
  const bad = new Set<number>();
  const onBytes = opts.onBytes;
  let bytes = 0;
  /** The bytes of a character cut by the end of the last chunk. */
  let held: Buffer | undefined;
  const decodeStrict = (b: Buffer): string | null => {
    try {
      return strict.decode(b);
    } catch {
      return null;
    }
  };
  /** Parses UTF-8 bytes; a line that does not decode taints the records it is part of. */
  const parseUtf8 = (b: Buffer): CsvRecord[] => {
    const text = decodeStrict(b);
    if (text !== null) return parser.push(text);
    // Slow path, only for a chunk with bad bytes: line by line (LF is never inside a character).
    const out: CsvRecord[] = [];
    let from = 0;
    while (from < b.length) {
      const lf = b.indexOf(10, from);
      const to = lf < 0 ? b.length : lf + 1;
      const piece = b.subarray(from, to);
      const ok = decodeStrict(piece);
      if (ok !== null) out.push(...parser.push(ok));
      else {
        if (!opts.recover) {
          throw new CsvSyntaxError(parser.line, `line ${parser.line} ${NOT_UTF8}`);
        }
        if (parser.inRecord) bad.add(parser.recordLine);
        const got = parser.push(new TextDecoder('utf-8').decode(piece));
        for (const r of got) bad.add(r.line);
        out.push(...got);
        if (parser.inRecord) bad.add(parser.recordLine);
      }
      from = to;
    }
    return out;
  };
  const mark = (records: CsvRecord[]): CsvRecord[] => {
    if (bad.size === 0) return records;
    return records.map((r) =>
      r.error === undefined && bad.has(r.line)
        ? { line: r.line, cells: [], error: `line ${r.line} ${NOT_UTF8}` }
        : r,
    );
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      let records: CsvRecord[];
      if (single) records = parser.push(single.decode(chunk, { stream: true }));
      else {
        const b = held ? Buffer.concat([held, chunk]) : chunk;
        const cut = utf8Tail(b);
        held = cut > 0 ? Buffer.from(b.subarray(b.length - cut)) : undefined;
        records = parseUtf8(cut > 0 ? b.subarray(0, b.length - cut) : b);
      }
      if (records.length > 0) yield mark(records);
    }
    const records = single ? parser.push(single.decode()) : held ? parseUtf8(held) : [];
    records.push(...parser.end());
    if (records.length > 0) yield mark(records);
  } finally {
    input.destroy();
  }
}
