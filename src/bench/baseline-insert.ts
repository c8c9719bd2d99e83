import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The baseline for import throughput: every row of every CSV file of the folder read with the
 * same CSV parser and inserted with one prepared statement per file into plain TEXT tables, in
 * one transaction. No validation, no conversion, no upsert: the ceiling an importer can approach.
 */
export async function baselineInsert(folder: string, dbFile: string): Promise<number> {
  const db = new BetterSqlite3(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  let rows = 0;
  db.exec('BEGIN');
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const path = join(folder, file);
    if (!existsSync(path)) continue;
    const table = file.replace(/\.csv$/, '');
    let insert: BetterSqlite3.Statement | undefined;
    const parser = createReadStream(path).pipe(parse({ bom: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!insert) {
        const cols = record.map((c) => `"${c}" TEXT`).join(', ');
        db.exec(`CREATE TABLE "${table}" (${cols})`);
        insert = db.prepare(`INSERT INTO "${table}" VALUES (${record.map(() => '?').join(', ')})`);
        continue;
      }
      insert.run(record);
      rows++;
    }
  }
  db.exec('COMMIT');
  db.close();
  return rows;
}
