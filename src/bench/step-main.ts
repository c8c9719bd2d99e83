import { rmSync } from 'node:fs';
import { baselineInsert } from './baseline-insert.js';
import { apiOverviewStep } from './api-overview-step.js';
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
  baseline: async ({ folder, db }) => {
    removeDb(db!);
    const t = performance.now();
    const rows = await baselineInsert(folder!, db!);
    return { ms: performance.now() - t, rows };
  },
  import: ({ folder, db }) => importStep(folder!, db!),
  reimport: ({ folder, db }) => importStep(folder!, db!, true),
  push: ({ db, reader, seconds }) => pushStep(db!, reader === 'yes', Number(seconds ?? 10)),
  kpi: ({ db }) => kpiStep(db!),
  api: ({ db }) => apiOverviewStep(db!),
  'push-overview': ({ db }) => pushOverviewStep(db!),
};

export function removeDb(file: string): void {
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
}

const [name, json] = process.argv.slice(2);
const step = STEPS[name ?? ''];
if (!step) {
  console.error(`unknown bench step "${name}" (${Object.keys(STEPS).join(', ')})`);
  process.exit(1);
}
const result = await step(JSON.parse(json ?? '{}') as Record<string, string>);
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ...result, maxRssMb }));
