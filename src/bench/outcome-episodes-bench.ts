import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { OUTCOME_KPI_IDS } from '../metrics/kpi-meta/outcome-kpi-ids.js';
import { rebuildRollups, refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import { openStore, type Db } from '../store/database.js';
import { importRecords, type SourceRecord } from '../store/import-records.js';
import { getPractice } from '../store/practice.repository.js';
import { BENCH_MONTH, BENCH_TWO_YEARS, BENCH_YEAR } from './bench-periods.js';

/**
 * The outcome KPIs on a bench store (`node --import tsx src/bench/outcome-episodes-bench.ts
 * <db>`): the full rollup rebuild, the seven outcome KPIs for 12 and 24 months by month cold
 * (first call after opening) and warm (the fastest of 3 repeats), from the records for
 * comparison, and the refresh after a push of 100 moved appointments and of 100 PHQ-9 answers.
 * Prints one JSON object.
 */
const DAY = 86_400_000;
const path = process.argv[2] ?? 'bench-data/rapport.db';
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return Math.round(performance.now() - t);
};
const out: Record<string, unknown> = {};
const log = (k: string, v: unknown) => {
  out[k] = v;
  process.stderr.write(`${k}: ${JSON.stringify(v)}\n`);
};

const opened = performance.now();
const store = await openStore(path);
log('openMs', Math.round(performance.now() - opened));
const db: Db = store.db;
try {
  const practice = await getPractice(db, 'default');
  log('firstRefreshMs', await time(() => refreshRollups(db, practice)));
  const seven = (from: string, to: string, rollups = true) =>
    computeKpis(db, practice, { from, to, by: 'month', ids: OUTCOME_KPI_IDS, rollups });
  log('year12ColdMs', await time(() => seven(BENCH_YEAR.from, BENCH_YEAR.to)));
  log('year24ColdMs', await time(() => seven(BENCH_TWO_YEARS.from, BENCH_TWO_YEARS.to)));
  const warm = async (from: string, to: string) => {
    const t: number[] = [];
    for (let i = 0; i < 3; i++) t.push(await time(() => seven(from, to)));
    return Math.min(...t);
  };
  log('year12WarmMs', await warm(BENCH_YEAR.from, BENCH_YEAR.to));
  log('year24WarmMs', await warm(BENCH_TWO_YEARS.from, BENCH_TWO_YEARS.to));
  log('year12RecordsMs', await time(() => seven(BENCH_YEAR.from, BENCH_YEAR.to, false)));
  const r = await seven(BENCH_YEAR.from, BENCH_YEAR.to);
  log('year12Figures', {
    improvement: r.kpis.reliable_improvement_rate?.value,
    n: r.kpis.reliable_improvement_rate?.denominator,
    coverage: r.kpis.outcome_coverage_rate?.value,
    eligible: r.kpis.outcome_coverage_rate?.denominator,
  });
  // A push of 100 moved appointments of the last month, then one of 100 PHQ-9 answers.
  const rows = await db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', 'default')
    .where('scheduled_start', '<', Date.parse(`${BENCH_MONTH.to}T00:00:00Z`))
    .orderBy('scheduled_start', 'desc')
    .limit(100)
    .execute();
  const iso = (v: number | null) => (v === null ? null : new Date(Number(v)).toISOString());
  const moved: SourceRecord[] = rows.map((a, i) => ({
    entity: 'appointments',
    path: `bench:${i}`,
    record: {
      appointment_id: a.appointment_id,
      client_id: a.client_id,
      therapist_id: a.therapist_id,
      scheduled_start: iso(Number(a.scheduled_start) + DAY),
      status: a.source_status,
      service: a.service,
      requested_at: iso(a.requested_at),
      booked_at: iso(a.booked_at),
      duration_min: a.duration_min,
      slot_id: a.slot_id,
      price: a.price_minor === null ? null : Number(a.price_minor) / 100,
      currency: a.currency,
    },
  }));
  await importRecords(store, { label: 'bench push', records: moved }, { reportPath: false });
  log('refreshAfter100AppointmentsMs', await time(() => refreshRollups(db, practice)));
  const answers: SourceRecord[] = rows.map((a, i) => ({
    entity: 'surveys',
    path: `bench:${i}`,
    record: {
      response_id: `bench-phq-${i}`,
      client_id: a.client_id,
      responded_at: iso(Number(a.scheduled_start) + DAY),
      score: i % 27,
      instrument: 'phq9',
    },
  }));
  await importRecords(store, { label: 'bench push', records: answers }, { reportPath: false });
  log('refreshAfter100AnswersMs', await time(() => refreshRollups(db, practice)));
  log('year12AfterPushMs', await time(() => seven(BENCH_YEAR.from, BENCH_YEAR.to)));
  log('fullRebuildMs', await time(() => rebuildRollups(db, practice)));
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
