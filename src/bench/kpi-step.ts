import BetterSqlite3 from 'better-sqlite3';
import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { bucketsOf } from '../metrics/periods/buckets.js';
import { makePeriod } from '../metrics/periods/period.js';
import { refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import { openStore } from '../store/database.js';
import { getPractice } from '../store/practice.repository.js';
import { BENCH_MONTH, BENCH_YEAR, bestOf } from './bench-periods.js';

/**
 * The rollups refreshed after the import (what `rapport import` does before it returns), then
 * all KPIs for one month and for twelve months by month through the engine, beside one
 * hand-written SQL statement for the simple appointment rates over the same twelve months and
 * the engine reading the records themselves (no rollups, one run).
 */
export async function kpiStep(db: string) {
  const store = await openStore(db);
  try {
    const practice = await getPractice(store.db, 'default');
    const t = performance.now();
    await refreshRollups(store.db, practice);
    const rollupMs = performance.now() - t;
    const month = await bestOf(3, () => computeKpis(store.db, practice, { ...BENCH_MONTH }));
    const year = await bestOf(3, () =>
      computeKpis(store.db, practice, { ...BENCH_YEAR, by: 'month' }),
    );
    const handSql = await bestOf(3, () => handWrittenRates(db, practice.timezone));
    const r = performance.now();
    await computeKpis(store.db, practice, { ...BENCH_YEAR, by: 'month', rollups: false });
    const rawYearMs = performance.now() - r;
    return {
      ms: year,
      rows: 0,
      extra: { rollupMs, monthMs: month, yearByMonthMs: year, handSqlMs: handSql, rawYearMs },
    };
  } finally {
    await store.close();
  }
}

/** Completion, client no-show/cancellation, therapist cancellation and duration, by month. */
function handWrittenRates(file: string, timezone: string) {
  const period = makePeriod(BENCH_YEAR.from, BENCH_YEAR.to, timezone);
  const edges = bucketsOf(period, 'month').map((b) => b.start);
  const bucket = `CASE ${edges
    .slice(1)
    .map((e, i) => `WHEN scheduled_start < ${e} THEN ${i}`)
    .join(' ')} ELSE ${edges.length - 1} END`;
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT ${bucket} AS m,
           SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
           SUM(CASE WHEN status <> 'booked' THEN 1 ELSE 0 END) AS closed,
           SUM(CASE WHEN status = 'no_show' OR (status IN ('cancelled', 'late_cancelled')
                 AND (cancelled_by IS NULL OR cancelled_by = 'client')) THEN 1 ELSE 0 END) AS missed,
           SUM(CASE WHEN status IN ('cancelled', 'late_cancelled')
                 AND cancelled_by IN ('therapist', 'practice') THEN 1 ELSE 0 END) AS by_therapist,
           SUM(CASE WHEN status = 'completed' THEN COALESCE(actual_duration_min,
                 (scheduled_end - scheduled_start) / 60000.0, duration_min) END) AS minutes
         FROM appointments
         WHERE practice_id = ? AND scheduled_start >= ? AND scheduled_start < ?
         GROUP BY m`,
      )
      .all('default', period.start, period.end);
  } finally {
    db.close();
  }
}
