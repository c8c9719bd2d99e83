import { createReadStream, readdirSync, readFileSync } from 'node:fs';
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
      const header = readFileSync(path, 'utf8').slice(0, 4096).split('\n')[0]!.trim();
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
