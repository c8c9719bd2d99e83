import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { SIZES, type Size } from '../demo/simulation-plan.js';
import { hasSqlite3Shell } from './baseline-sqlite3.js';
import { copyBenchUrl, dropBenchStore, PG_BENCH_URL } from './bench-store.js';
import { runStep, type StepResult } from './run-step.js';

/**
 * `npm run bench`: import and KPI speed on a demo practice, each figure beside baselines
 * measured in the same run on the same generated folder (a plain insert, DuckDB's own CSV load
 * and DuckDB running the hand-written SQL of the simple rates). Usage:
 *
 *   npm run bench [-- --size sample|small|medium|large|platform] [--seed N]
 *                 [--db sqlite|postgres] [--fraction F] [--steps a,b,…] [--no-raw]
 *
 * `--db postgres` imports into a throw-away database (RAPPORT_BENCH_PG, default
 * rapport_bench on 127.0.0.1:5432), created for the run and dropped after it. `--fraction`
 * generates that share of the size's appointments (therapists and the rest in proportion):
 * a scaled run of a size too big for the machine at hand. `--steps` picks among generate
 * (always when the folder is missing), baseline, sqlite3 (the `sqlite3` shell's `.import`,
 * skipped with a notice when the shell is not installed), duckdb, import, reimport, kpi, api,
 * push-overview, push.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seed = Number(option('--seed') ?? 1) || 1;
const size = (option('--size') ?? 'large') as Size;
if (!SIZES.includes(size)) throw new Error(`--size must be one of ${SIZES.join(', ')}`);
const store = option('--db') ?? 'sqlite';
if (store !== 'sqlite' && store !== 'postgres') throw new Error('--db must be sqlite or postgres');
const fraction = Number(option('--fraction') ?? 1);
if (!(fraction > 0 && fraction <= 1)) throw new Error('--fraction must be in (0, 1]');
const ALL = [
  'baseline',
  'sqlite3',
  'duckdb',
  'import',
  'reimport',
  'kpi',
  'api',
  'push-overview',
  'push',
];
const steps = new Set(option('--steps')?.split(',') ?? ALL);
const raw = !args.includes('--no-raw');

const FULL: Record<Size, number> = {
  sample: 540,
  small: 5000,
  medium: 60_000,
  large: 1_000_000,
  platform: 10_000_000,
};
const target = fraction < 1 ? Math.round(FULL[size] * fraction) : undefined;
const dir = 'bench-data';
const folder = join(dir, `${size}-${seed}${target ? `-${target}` : ''}`);
const baselineDb = join(dir, 'baseline.db');
const duckDb = join(dir, 'duckdb.db');
const rapportDb = store === 'postgres' ? PG_BENCH_URL : join(dir, 'rapport.db');
const report = resolve(dir, 'import-report.csv');
mkdirSync(dir, { recursive: true });

const log = (s: string) => process.stderr.write(`${s}\n`);
const rate = (r: StepResult | undefined) => (r ? Math.round(r.rows / (r.ms / 1000)) : 0);
const s = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number | undefined, b: number | undefined, digits = 2) =>
  a && b ? +(a / b).toFixed(digits) : null;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadAtStart = load();

let generated: StepResult | undefined;
if (!existsSync(join(folder, 'counts.json'))) {
  log(
    `generating the ${size} demo practice (seed ${seed}${target ? `, ${target} appointments` : ''}) into ${folder} …`,
  );
  generated = await runStep('generate', { folder, size, seed, target });
  log(`generated in ${s(generated.ms)}, peak RSS ${generated.maxRssMb} MB`);
}
const counts = JSON.parse(readFileSync(join(folder, 'counts.json'), 'utf8')) as Record<
  string,
  number
>;
log(
  `data: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);

const failed: string[] = [];
/** Runs a chosen step; one that fails is reported and left out, and the run goes on. */
const step = async (name: string, label: string, stepArgs: Record<string, unknown>) => {
  if (!steps.has(name.replace(/-copy$/, ''))) return undefined;
  log(`${label} …`);
  try {
    const r = await runStep(name, stepArgs);
    log(`  ${s(r.ms)}, ${r.rows} rows, peak RSS ${r.maxRssMb} MB`);
    return r;
  } catch (e) {
    log(`  FAILED: ${(e as Error).message.split('\n')[0]}`);
    failed.push(label);
    return undefined;
  }
};

const baseline = await step('baseline', 'baseline: plain prepared-statement insert into SQLite', {
  folder,
  db: baselineDb,
});
if (steps.has('sqlite3') && !hasSqlite3Shell()) {
  log('baseline: the sqlite3 shell is not on the PATH — its .import baseline is skipped');
  steps.delete('sqlite3');
}
const shellImport = await step('sqlite3', "baseline: the sqlite3 shell's .import --csv", {
  folder,
  db: join(dir, 'sqlite3-import.db'),
});
const baselinePg =
  store === 'postgres'
    ? await step('baseline-copy', 'baseline: plain COPY of the CSVs into PostgreSQL', {
        folder,
        db: copyBenchUrl(PG_BENCH_URL),
      })
    : undefined;
if (baselinePg) await dropBenchStore(copyBenchUrl(PG_BENCH_URL));
const duck = await step('duckdb', "baseline: DuckDB's own CSV load, then hand-written SQL", {
  folder,
  db: duckDb,
});
const imported = await step('import', `rapport import (${store})`, {
  folder,
  db: rapportDb,
  report,
});
const reimported = await step('reimport', 'rapport import again (unchanged data)', {
  folder,
  db: rapportDb,
  report,
});
const kpi = await step('kpi', 'KPIs', { db: rapportDb, raw: raw ? 'yes' : 'no' });
const api = await step('api', 'API overview', { db: rapportDb });
const pushOverview = await step('push-overview', 'overview after a push of 100 appointments', {
  db: rapportDb,
});
const po = pushOverview?.extra as
  { currentMs: number; fullRebuildMs: number; recordsMs: number } | undefined;
const pushAlone = await step('push', 'pushes through the API, alone (10 s)', {
  db: rapportDb,
  reader: 'no',
  seconds: 10,
});
const pushRead = await step('push', 'pushes beside a KPI reader (10 s)', {
  db: rapportDb,
  reader: 'yes',
  seconds: 10,
});
if (store === 'postgres') await dropBenchStore(rapportDb);

const k = kpi?.extra as
  | {
      rollupMs: number;
      monthMs: number;
      yearByMonthMs: number;
      sixMonthsByMonthMs: number;
      handSqlSixMonthsMs: number;
      twoYearsColdMs: number;
      twoYearsWarmMs: number;
      handSqlMs: number;
      handSqlTwoYearsMs: number;
      completedTwoYears: number;
      rawYearMs: number | null;
      views: { name: string; warmMs: number; recordsMs: number }[];
    }
  | undefined;
const d = duck?.extra as
  | {
      handSqlMs: number;
      handSqlTwoYearsMs: number;
      handSqlTwoYearsColdMs: number;
      completedTwoYears: number;
    }
  | undefined;
const round = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : Math.round(ms);
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  loadAverage: { atStart: loadAtStart, atEnd: load() },
  size,
  fraction,
  store,
  appointments: counts.appointments,
  rows: Object.values(counts).reduce((n, c) => n + c, 0),
  generate: generated
    ? { seconds: +(generated.ms / 1000).toFixed(1), peakRssMb: generated.maxRssMb }
    : null,
  import: {
    baselineRowsPerSec: rate(baseline),
    sqlite3ImportRowsPerSec: rate(shellImport),
    baselineCopyRowsPerSec: baselinePg ? rate(baselinePg) : null,
    duckdbLoadRowsPerSec: rate(duck),
    rapportRowsPerSec: rate(imported),
    ratioToBaseline: ratio(rate(imported), rate(baseline), 3),
    // The aim on the 3 M-row practice: the import with the refresh that follows, per row.
    ratioWithRefreshToSqlite3Import:
      imported && k && shellImport
        ? ratio(imported.rows / ((imported.ms + k.rollupMs) / 1000), rate(shellImport), 3)
        : null,
    ratioToBaselineCopy: baselinePg ? ratio(rate(imported), rate(baselinePg), 3) : null,
    ratioToDuckdbLoad: ratio(rate(imported), rate(duck), 3),
    rapportSeconds: imported ? +(imported.ms / 1000).toFixed(1) : null,
    rapportPeakRssMb: imported?.maxRssMb ?? null,
    baselinePeakRssMb: baseline?.maxRssMb ?? null,
    duckdbPeakRssMb: duck?.maxRssMb ?? null,
  },
  reimport: reimported
    ? {
        seconds: +(reimported.ms / 1000).toFixed(1),
        ratioToFirstImport: ratio(reimported.ms, imported?.ms),
        peakRssMb: reimported.maxRssMb,
      }
    : null,
  push:
    pushAlone && pushRead
      ? {
          aloneRecordsPerSec: rate(pushAlone),
          besideReaderRecordsPerSec: rate(pushRead),
          ratio: ratio(rate(pushRead), rate(pushAlone)),
          readsMeanwhile: (pushRead.extra as { reads: number }).reads,
        }
      : null,
  kpis: k
    ? {
        rollupRefreshMs: round(k.rollupMs),
        importWithRefreshSeconds: imported ? +((imported.ms + k.rollupMs) / 1000).toFixed(1) : null,
        allKpisOneMonthMs: round(k.monthMs),
        allKpisSixMonthsByMonthMs: round(k.sixMonthsByMonthMs),
        handWrittenSimpleRatesSixMonthsMs: round(k.handSqlSixMonthsMs),
        allKpisTwelveMonthsByMonthMs: round(k.yearByMonthMs),
        allKpisTwentyFourMonthsByMonthColdMs: round(k.twoYearsColdMs),
        allKpisTwentyFourMonthsByMonthWarmMs: round(k.twoYearsWarmMs),
        handWrittenSimpleRatesTwelveMonthsMs: round(k.handSqlMs),
        handWrittenSimpleRatesTwentyFourMonthsMs: round(k.handSqlTwoYearsMs),
        allKpisTwelveMonthsByMonthWithoutRollupsMs: round(k.rawYearMs),
        completedTwoYears: k.completedTwoYears,
        // The second aim: each view under 300 ms with rollups current, beside the records.
        views: k.views.map((v) => ({
          name: v.name,
          warmMs: round(v.warmMs),
          recordsMs: round(v.recordsMs),
          ratioToRecords: ratio(v.warmMs, v.recordsMs, 3),
        })),
      }
    : null,
  duckdb: d
    ? {
        loadSeconds: +(duck!.ms / 1000).toFixed(1),
        handWrittenSimpleRatesTwelveMonthsMs: round(d.handSqlMs),
        handWrittenSimpleRatesTwentyFourMonthsMs: round(d.handSqlTwoYearsMs),
        handWrittenSimpleRatesTwentyFourMonthsColdMs: round(d.handSqlTwoYearsColdMs),
        completedTwoYears: d.completedTwoYears,
      }
    : null,
  ratios: {
    twentyFourMonthsColdToDuckdb: ratio(k?.twoYearsColdMs, d?.handSqlTwoYearsMs, 1),
    twentyFourMonthsWarmToDuckdb: ratio(k?.twoYearsWarmMs, d?.handSqlTwoYearsMs, 1),
    sixMonthsToStoreHandSql: ratio(k?.sixMonthsByMonthMs, k?.handSqlSixMonthsMs, 1),
    twelveMonthsToStoreHandSql: ratio(k?.yearByMonthMs, k?.handSqlMs, 1),
  },
  apiOverviewColdMs: api ? round((api.extra as { coldMs: number }).coldMs) : null,
  apiOverviewWarmMs: api ? round(api.ms) : null,
  apiTwoYears: api
    ? {
        firstMs: round((api.extra as { twoYearsColdMs: number }).twoYearsColdMs),
        againMs: round((api.extra as { twoYearsWarmMs: number }).twoYearsWarmMs),
      }
    : null,
  overviewAfterPush: po
    ? {
        withCurrentRollupsMs: round(po.currentMs),
        afterPushOf100Ms: round(pushOverview!.ms),
        ratioToCurrent: ratio(pushOverview!.ms, po.currentMs),
        sameWithFullRebuildMs: round(po.fullRebuildMs),
        sameFromRecordsOnlyMs: round(po.recordsMs),
      }
    : null,
  failed,
};
writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const line = (label: string, value: string, note = '') =>
  `  ${label.padEnd(48)}${value.padStart(14)}  ${note}`;
const out = [
  '',
  `Rapport bench — ${results.date} — store: ${store}`,
  `machine: ${results.machine}; load average ${loadAtStart} → ${results.loadAverage.atEnd}`,
  `data: ${results.appointments} appointments, ${results.rows} rows in all (${size}${fraction < 1 ? `, fraction ${fraction}` : ''})`,
];
if (generated) out.push(line('generated', s(generated.ms), `peak RSS ${generated.maxRssMb} MB`));
out.push('', 'import                                               rows/s');
if (baseline)
  out.push(
    line(
      'baseline: SQLite prepared INSERT per row',
      String(rate(baseline)),
      `peak RSS ${baseline.maxRssMb} MB`,
    ),
  );
if (shellImport)
  out.push(
    line(
      "baseline: the sqlite3 shell's .import",
      String(rate(shellImport)),
      `${s(shellImport.ms)}`,
    ),
  );
if (baselinePg)
  out.push(
    line(
      'baseline: PostgreSQL COPY of the CSVs',
      String(rate(baselinePg)),
      `peak RSS ${baselinePg.maxRssMb} MB`,
    ),
  );
if (duck)
  out.push(
    line(
      'baseline: DuckDB read_csv load',
      String(rate(duck)),
      `${s(duck.ms)}, peak RSS ${duck.maxRssMb} MB`,
    ),
  );
if (imported) {
  out.push(
    line(
      `rapport import (${store}, validated upsert)`,
      String(rate(imported)),
      `${s(imported.ms)}, peak RSS ${imported.maxRssMb} MB (aim < 1 GB)`,
    ),
  );
  out.push(
    line(
      '  ratio to the plain insert',
      String(results.import.ratioToBaseline ?? '—'),
      '(aim ≥ 0.333)',
    ),
  );
  if (results.import.ratioWithRefreshToSqlite3Import !== null)
    out.push(
      line(
        '  with its refresh, ratio to sqlite3 .import',
        String(results.import.ratioWithRefreshToSqlite3Import),
        '(aim ≥ 0.3)',
      ),
    );
  if (baselinePg)
    out.push(line('  ratio to PostgreSQL COPY', String(results.import.ratioToBaselineCopy), ''));
  out.push(line('  ratio to the DuckDB load', String(results.import.ratioToDuckdbLoad ?? '—'), ''));
}
if (reimported)
  out.push(
    line(
      're-import of the unchanged data',
      s(reimported.ms),
      `${results.reimport?.ratioToFirstImport}× the first import (aim ≤ 1)`,
    ),
  );
if (k) {
  out.push('', `KPIs (${store}; warm = best of 3 after a warm-up)`);
  out.push(line('rollups refreshed after the import', s(k.rollupMs), '(once per import)'));
  out.push(line('all KPIs, one month', s(k.monthMs)));
  out.push(
    line(
      'all KPIs, six months by month',
      s(k.sixMonthsByMonthMs),
      `${results.ratios.sixMonthsToStoreHandSql}× a plain GROUP BY on the store (${s(k.handSqlSixMonthsMs)}; aim ≤ 3)`,
    ),
  );
  out.push(
    line(
      'all KPIs, twelve months by month',
      s(k.yearByMonthMs),
      `${results.ratios.twelveMonthsToStoreHandSql}× hand SQL on the store (${s(k.handSqlMs)})`,
    ),
  );
  out.push(
    line(
      'all KPIs, 24 months by month, cold',
      s(k.twoYearsColdMs),
      `${results.ratios.twentyFourMonthsColdToDuckdb ?? '—'}× DuckDB hand SQL`,
    ),
  );
  out.push(
    line(
      'all KPIs, 24 months by month, warm',
      s(k.twoYearsWarmMs),
      `${results.ratios.twentyFourMonthsWarmToDuckdb ?? '—'}× DuckDB hand SQL`,
    ),
  );
  out.push(
    line(
      'hand-written SQL on the store, 24 months',
      s(k.handSqlTwoYearsMs),
      `${k.completedTwoYears} completed`,
    ),
  );
  out.push(line('twelve months without rollups (one run)', s(k.rawYearMs)));
  for (const v of k.views) {
    out.push(
      line(
        v.name,
        s(v.warmMs),
        `${ratio(v.warmMs, v.recordsMs, 3)}× the records (${s(v.recordsMs)}; aim < 0.3 s)`,
      ),
    );
  }
}
if (d) {
  out.push(
    line(
      'DuckDB hand-written SQL, 24 months by month',
      s(d.handSqlTwoYearsMs),
      `cold ${s(d.handSqlTwoYearsColdMs)}, ${d.completedTwoYears} completed`,
    ),
  );
  out.push(line('DuckDB hand-written SQL, twelve months', s(d.handSqlMs)));
}
if (api) {
  out.push('', 'dashboard overview through the HTTP API');
  out.push(line('cold server', s(results.apiOverviewColdMs)));
  out.push(line('warm server', s(api.ms)));
  out.push(
    line(
      'all KPIs, 24 months by month, first request',
      s(results.apiTwoYears?.firstMs),
      '(computed; aim < 0.5 s)',
    ),
  );
  out.push(
    line(
      'the same asked again',
      s(results.apiTwoYears?.againMs),
      '(the report cache; aim < 50 ms)',
    ),
  );
}
if (po && results.overviewAfterPush) {
  out.push('', 'overview in process (this month, the month before, twelve months by month)');
  out.push(line('with current rollups', s(po.currentMs), '(baseline)'));
  out.push(
    line(
      'after a push of 100',
      s(pushOverview!.ms),
      `${results.overviewAfterPush.ratioToCurrent}× the baseline (marked rollups refreshed first)`,
    ),
  );
  out.push(line('the same with every rollup rebuilt', s(po.fullRebuildMs)));
  out.push(line('the same from the records only', s(po.recordsMs)));
}
if (results.push) {
  out.push('', 'pushes through the API (clients, 200 per request)   records/s');
  out.push(line('alone', String(results.push.aloneRecordsPerSec)));
  out.push(
    line(
      `beside a KPI reader (${results.push.readsMeanwhile} reads)`,
      String(results.push.besideReaderRecordsPerSec),
      `ratio ${results.push.ratio}`,
    ),
  );
}
if (failed.length > 0) out.push('', `FAILED steps (left out above): ${failed.join('; ')}`);
out.push(`results written to ${join(dir, 'results.json')}`, '');
console.log(out.join('\n'));
