import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CsvParser, type CsvRecord } from './csv-parser.js';

export { CsvSyntaxError, type CsvRecord } from './csv-parser.js';

export interface CsvReadOptions {
  /** Called with the bytes read from the file so far. */
  onBytes?: (bytes: number) => void;
  /** Bytes read at a time (tests use tiny chunks to cross every boundary); default 256 KiB. */
  chunkSize?: number;
}

/**
 * Streams an RFC 4180 CSV file (UTF-8, optional BOM, LF, CRLF or CR, quoted commas and
 * newlines), never reading the whole file: yields the records of each chunk read, so the
 * consumer pays one await per chunk, not per row. Rows of any width are yielded. Throws
 * CsvSyntaxError when the file ends inside a quoted field.
 */
export async function* readCsvRecords(
  path: string,
  opts: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const input = createReadStream(path, { highWaterMark: opts.chunkSize ?? 1 << 18 });
  const decoder = new StringDecoder('utf8');
  const parser = new CsvParser();
  const onBytes = opts.onBytes;
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      const records = parser.push(decoder.write(chunk));
      if (records.length > 0) yield records;
    }
    const records = parser.push(decoder.end());
    records.push(...parser.end());
    if (records.length > 0) yield records;
  } finally {
    input.destroy();
  }
}
