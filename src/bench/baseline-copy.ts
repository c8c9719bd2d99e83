import { closeSync, createReadStream, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The PostgreSQL baseline for import throughput: every CSV file of the folder streamed by
 * `COPY … FROM STDIN (FORMAT csv, HEADER)` into a plain TEXT table of its header's columns, in
 * one transaction: what `psql \copy` does, with no validation, conversion or upsert.
 */
export async function baselineCopy(folder: string, url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let rows = 0;
  try {
    await c.query('BEGIN');
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const path = join(folder, file);
      const header = headerOf(path);
      const table = file.replace(/\.csv$/, '');
      const cols = header.split(',').map((h) => `"${h.replace(/"/g, '')}" TEXT`);
      await c.query(`CREATE TABLE "${table}" (${cols.join(', ')})`);
      const stream = c.query(copyFrom(`COPY "${table}" FROM STDIN (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(path), stream);
      rows += stream.rowCount;
    }
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
  return rows;
}

/** The first line of a file, read from its first 4 KB only (never the whole file). */
function headerOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0]!.trim();
  } finally {
    closeSync(fd);
  }
}
