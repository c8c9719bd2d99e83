import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeCanonicalFolder } from '../demo/write-canonical-folder.js';
import { runStep, type StepResult } from './run-step.js';

/**
 * `npm run bench`: import and KPI speed on the large demo practice (~1M appointments), each
 * figure beside a baseline measured in the same run. Usage:
 * npm run bench [-- --seed N] [--size small|medium|large]
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seed = Number(option('--seed') ?? 1) || 1;
const size = (option('--size') ?? 'large') as 'small' | 'medium' | 'large';
const dir = 'bench-data';
const folder = join(dir, `${size}-${seed}`);
const baselineDb = join(dir, 'baseline.db');
const rapportDb = join(dir, 'rapport.db');
mkdirSync(dir, { recursive: true });

const log = (s: string) => process.stderr.write(`${s}\n`);
const rate = (r: StepResult) => Math.round(r.rows / (r.ms / 1000));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (!existsSync(join(folder, 'counts.json'))) {
  log(`generating the ${size} demo practice (seed ${seed}) into ${folder} …`);
  const t = performance.now();
  const { counts } = await writeCanonicalFolder(folder, { size, seed }, (c) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${c.appointments} appointments\x1b[K`);
  });
  writeFileSync(join(folder, 'counts.json'), JSON.stringify(counts, null, 2));
  log(`\rgenerated in ${s(performance.now() - t)}\x1b[K`);
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

log('baseline: plain prepared-statement insert of every row …');
const baseline = await runStep('baseline', { folder, db: baselineDb });
log('rapport import …');
const imported = await runStep('import', { folder, db: rapportDb });
log('rapport import again (unchanged data) …');
const reimported = await runStep('reimport', { folder, db: rapportDb });
log('KPIs …');
const kpi = await runStep('kpi', { db: rapportDb });
log('API overview …');
const api = await runStep('api', { db: rapportDb });
log('overview after a push of 100 appointments …');
const pushOverview = await runStep('push-overview', { db: rapportDb });
const po = pushOverview.extra as { currentMs: number; fullRebuildMs: number; recordsMs: number };

log('pushes through the API, alone and beside a KPI reader (10 s each) …');
const pushAlone = await runStep('push', { db: rapportDb, reader: 'no', seconds: 10 });
const pushRead = await runStep('push', { db: rapportDb, reader: 'yes', seconds: 10 });

const k = kpi.extra as {
  rollupMs: number;
  monthMs: number;
  yearByMonthMs: number;
  handSqlMs: number;
  rawYearMs: number;
};
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  size,
  appointments: counts.appointments,
  rows: imported.rows,
  import: {
    baselineRowsPerSec: rate(baseline),
    rapportRowsPerSec: rate(imported),
    ratio: +(rate(imported) / rate(baseline)).toFixed(3),
    rapportSeconds: +(imported.ms / 1000).toFixed(1),
    rapportPeakRssMb: imported.maxRssMb,
    baselinePeakRssMb: baseline.maxRssMb,
  },
  reimport: {
    seconds: +(reimported.ms / 1000).toFixed(1),
    ratioToFirstImport: +(reimported.ms / imported.ms).toFixed(2),
    peakRssMb: reimported.maxRssMb,
  },
  push: {
    aloneRecordsPerSec: rate(pushAlone),
    besideReaderRecordsPerSec: rate(pushRead),
    ratio: +(rate(pushRead) / rate(pushAlone)).toFixed(2),
    readsMeanwhile: (pushRead.extra as { reads: number }).reads,
  },
  kpis: {
    rollupRefreshMs: Math.round(k.rollupMs),
    allKpisOneMonthMs: Math.round(k.monthMs),
    allKpisTwelveMonthsByMonthMs: Math.round(k.yearByMonthMs),
    handWrittenSimpleRatesTwelveMonthsMs: Math.round(k.handSqlMs),
    allKpisTwelveMonthsByMonthWithoutRollupsMs: Math.round(k.rawYearMs),
  },
  apiOverviewColdMs: Math.round((api.extra as { coldMs: number }).coldMs),
  apiOverviewWarmMs: Math.round(api.ms),
  overviewWithCurrentRollupsMs: Math.round(po.currentMs),
  overviewAfterPushOf100Ms: Math.round(pushOverview.ms),
  overviewAfterPushOf100FullRebuildMs: Math.round(po.fullRebuildMs),
  overviewAfterPushOf100RecordsOnlyMs: Math.round(po.recordsMs),
};
writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`
Rapport bench — ${results.date}
machine: ${results.machine}
data: ${results.appointments} appointments, ${results.rows} rows in all

import (SQLite)                        rows/s     peak RSS
  baseline: prepared INSERT per row  ${String(results.import.baselineRowsPerSec).padStart(9)}  ${baseline.maxRssMb} MB
  rapport import (validated upsert)  ${String(results.import.rapportRowsPerSec).padStart(9)}  ${imported.maxRssMb} MB
  ratio                              ${results.import.ratio}   (aim ≥ 0.333, RSS < 500 MB)
  re-import of the unchanged data    ${s(reimported.ms)}  ${results.reimport.ratioToFirstImport}× the first import (aim ≤ 1)

pushes through the API (clients, ${200} per request)   records/s
  alone                                   ${String(results.push.aloneRecordsPerSec).padStart(9)}
  beside a KPI reader (${results.push.readsMeanwhile} reads, 1 s apart)          ${String(results.push.besideReaderRecordsPerSec).padStart(9)}   ratio ${results.push.ratio}

KPIs (SQLite, best of 3 after a warm-up)
  rollups refreshed after the import          ${s(k.rollupMs)}   (once per import)
  all 20 KPIs, one month                      ${s(k.monthMs)}
  all 20 KPIs, twelve months by month         ${s(k.yearByMonthMs)}   (aim < 2 s)
  hand-written SQL, 5 simple rates by month   ${s(k.handSqlMs)}   (baseline)
  ratio engine / hand-written                 ${(k.yearByMonthMs / k.handSqlMs).toFixed(1)}×
  the same twelve months without rollups      ${s(k.rawYearMs)}   (one run, records only)

dashboard overview through the HTTP API
  cold server (computed on request)          ${s(results.apiOverviewColdMs)}
  warm server                                ${s(api.ms)}   (aim < 2 s)

overview in process (this month, the month before, twelve months by month)
  overview with current rollups              ${s(po.currentMs)}   (baseline)
  overview after a push of 100               ${s(pushOverview.ms)}   (marked rollups refreshed first)
  the same with every rollup rebuilt         ${s(po.fullRebuildMs)}
  the same from the records only             ${s(po.recordsMs)}
results written to ${join(dir, 'results.json')}
`);
