import { sql } from 'kysely';
import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import { openStore } from '../store/database.js';
import { getPractice } from '../store/practice.repository.js';
import {
  BENCH_MONTH,
  BENCH_SIX_MONTHS,
  BENCH_TWO_YEARS,
  BENCH_YEAR,
  bestOf,
} from './bench-periods.js';
import { handRatesSql } from './hand-rates.js';
import { measureViews } from './views-step.js';

/**
 * The rollups refreshed after the import (what `rapport import` does before it returns), then
 * all KPIs through the engine: 24 months by month once cold (the first report after the
 * refresh) and warm, one month, six and twelve months by month; beside the hand-written SQL of the
 * simple appointment rates on the same store (12 and 24 months), and (unless `raw` is off) the
 * engine reading the records themselves for twelve months (no rollups, one run); and the
 * dashboard views by dimension and a therapist's page (views-step.ts).
 */
export async function kpiStep(db: string, raw = true) {
  const store = await openStore(db);
  try {
    const practice = await getPractice(store.db, 'default');
    const t = performance.now();
    await refreshRollups(store.db, practice);
    const rollupMs = performance.now() - t;
    // Each figure is said as it is measured: at ten million appointments the step is long.
    const say = (what: string, ms: number) =>
      process.stderr.write(`  ${what}: ${(ms / 1000).toFixed(2)} s\n`);
    say('rollups refreshed', rollupMs);
    const twoYears = () => computeKpis(store.db, practice, { ...BENCH_TWO_YEARS, by: 'month' });
    const c = performance.now();
    await twoYears();
    const twoYearsColdMs = performance.now() - c;
    say('all KPIs, 24 months by month, cold', twoYearsColdMs);
    const twoYearsWarmMs = await bestOf(3, twoYears);
    say('all KPIs, 24 months by month, warm', twoYearsWarmMs);
    const month = await bestOf(3, () => computeKpis(store.db, practice, { ...BENCH_MONTH }));
    const year = await bestOf(3, () =>
      computeKpis(store.db, practice, { ...BENCH_YEAR, by: 'month' }),
    );
    say('all KPIs, one month', month);
    say('all KPIs, twelve months by month', year);
    const hand = (range: { from: string; to: string }) => {
      const text = handRatesSql('store', range, practice.timezone);
      return () => sql.raw(text).execute(store.db);
    };
    const sixMonths = await bestOf(3, () =>
      computeKpis(store.db, practice, { ...BENCH_SIX_MONTHS, by: 'month' }),
    );
    const handSqlSixMonthsMs = await bestOf(3, hand(BENCH_SIX_MONTHS));
    const handSql = await bestOf(3, hand(BENCH_YEAR));
    const handSqlTwoYearsMs = await bestOf(3, hand(BENCH_TWO_YEARS));
    say('all KPIs, six months by month', sixMonths);
    say('hand-written SQL, six months', handSqlSixMonthsMs);
    say('hand-written SQL, 24 months', handSqlTwoYearsMs);
    // What the SQL counted, to compare with the same SQL on DuckDB over the CSVs.
    const { rows: byMonth } = await hand(BENCH_TWO_YEARS)();
    const completedTwoYears = (byMonth as Array<{ completed: unknown }>).reduce(
      (n, r) => n + Number(r.completed),
      0,
    );
    const views = await measureViews(store.db, practice);
    let rawYearMs: number | null = null;
    if (raw) {
      const r = performance.now();
      await computeKpis(store.db, practice, { ...BENCH_YEAR, by: 'month', rollups: false });
      rawYearMs = performance.now() - r;
    }
    return {
      ms: year,
      rows: 0,
      extra: {
        rollupMs,
        monthMs: month,
        yearByMonthMs: year,
        sixMonthsByMonthMs: sixMonths,
        handSqlSixMonthsMs,
        twoYearsColdMs,
        twoYearsWarmMs,
        handSqlMs: handSql,
        handSqlTwoYearsMs,
        completedTwoYears,
        rawYearMs,
        views,
      },
    };
  } finally {
    await store.close();
  }
}
