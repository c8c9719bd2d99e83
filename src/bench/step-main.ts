import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCanonicalFolder } from '../demo/write-canonical-folder.js';
import type { Size } from '../demo/simulation-plan.js';
import { apiOverviewStep } from './api-overview-step.js';
import { baselineCopy } from './baseline-copy.js';
import { baselineInsert } from './baseline-insert.js';
import { baselineSqlite3 } from './baseline-sqlite3.js';
import { freshBenchStore } from './bench-store.js';
import { duckdbStep } from './duckdb-step.js';
import { importStep } from './import-step.js';
import { kpiStep } from './kpi-step.js';
import { pushOverviewStep } from './push-overview-step.js';
import { pushStep } from './push-step.js';
import type { StepResult } from './run-step.js';

/**
 * Entry of one measured bench step in its own process: `step-main.ts <name> <json args>`.
 * Prints the step's result as the last line of stdout.
 */
const STEPS: Record<
  string,
  (args: Record<string, string>) => Promise<Omit<StepResult, 'maxRssMb'>>
> = {
  generate: async ({ folder, size, seed, target }) => {
    const t = performance.now();
    const { counts } = await writeCanonicalFolder(folder!, {
      size: size as Size,
      seed: Number(seed),
      ...(target ? { targetAppointments: Number(target) } : {}),
    });
    writeFileSync(join(folder!, 'counts.json'), JSON.stringify(counts, null, 2));
    const rows = Object.values(counts).reduce((n, c) => n + c, 0);
    return { ms: performance.now() - t, rows };
  },
  baseline: async ({ folder, db }) => {
    await freshBenchStore(db!);
    const t = performance.now();
    const rows = await baselineInsert(folder!, db!);
    return { ms: performance.now() - t, rows };
  },
  sqlite3: async ({ folder, db }) => {
    await freshBenchStore(db!);
    const t = performance.now();
    const rows = baselineSqlite3(folder!, db!);
    return { ms: performance.now() - t, rows };
  },
  'baseline-copy': async ({ folder, db }) => {
    await freshBenchStore(db!);
    const t = performance.now();
    const rows = await baselineCopy(folder!, db!);
    return { ms: performance.now() - t, rows };
  },
  duckdb: ({ folder, db }) => duckdbStep(folder!, db!, practiceZone(folder!)),
  import: ({ folder, db, report }) => importStep(folder!, db!, report!),
  reimport: ({ folder, db, report }) => importStep(folder!, db!, report!, true),
  push: ({ db, reader, seconds }) => pushStep(db!, reader === 'yes', Number(seconds ?? 10)),
  kpi: ({ db, raw }) => kpiStep(db!, raw !== 'no'),
  api: ({ db }) => apiOverviewStep(db!),
  'push-overview': ({ db }) => pushOverviewStep(db!),
};

const practiceZone = (folder: string): string =>
  (JSON.parse(readFileSync(join(folder, 'practice.json'), 'utf8')) as { timezone: string })
    .timezone;

const [name, json] = process.argv.slice(2);
const step = STEPS[name ?? ''];
if (!step) {
  console.error(`unknown bench step "${name}" (${Object.keys(STEPS).join(', ')})`);
  process.exit(1);
}
const result = await step(JSON.parse(json ?? '{}') as Record<string, string>);
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ...result, maxRssMb }));
