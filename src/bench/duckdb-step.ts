import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_TWO_YEARS, BENCH_YEAR, bestOf } from './bench-periods.js';
import { handRatesSql } from './hand-rates.js';

/**
 * The analytical baseline a user might pick instead: DuckDB loads every CSV of the folder with
 * its own reader (`read_csv`, types detected, into a database file), then runs the hand-written
 * SQL of the simple rates over 12 and 24 months by month (cold once, then best of 3).
 */
export async function duckdbStep(folder: string, dbFile: string, timezone: string) {
  for (const s of ['', '.wal']) rmSync(dbFile + s, { force: true });
  const instance = await DuckDBInstance.create(dbFile);
  const duck = await instance.connect();
  try {
    const t = performance.now();
    let rows = 0;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const table = file.replace(/\.csv$/, '');
      const path = resolve(join(folder, file)).replace(/'/g, "''");
      await duck.run(`CREATE TABLE "${table}" AS FROM read_csv('${path}', header = true)`);
      const n = await duck.runAndReadAll(`SELECT COUNT(*)::BIGINT AS n FROM "${table}"`);
      rows += Number(n.getRows()[0]![0]);
    }
    await duck.run('CHECKPOINT');
    const loadMs = performance.now() - t;
    const twoYears = handRatesSql('duckdb', BENCH_TWO_YEARS, timezone);
    const c = performance.now();
    const first = await duck.runAndReadAll(twoYears);
    const handSqlTwoYearsColdMs = performance.now() - c;
    const handSqlTwoYearsMs = await bestOf(3, () => duck.runAndReadAll(twoYears));
    const year = handRatesSql('duckdb', BENCH_YEAR, timezone);
    const handSqlMs = await bestOf(3, () => duck.runAndReadAll(year));
    // What the SQL counted, to compare with the same SQL on the store.
    const completedTwoYears = first.getRowObjects().reduce((n, r) => n + Number(r.completed), 0);
    return {
      ms: loadMs,
      rows,
      extra: { handSqlMs, handSqlTwoYearsMs, handSqlTwoYearsColdMs, completedTwoYears },
    };
  } finally {
    duck.closeSync();
    instance.closeSync();
  }
}
