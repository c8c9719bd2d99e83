import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { exampleTargets } from '../demo/example-targets.js';
import { resolvePlan, type Size } from '../demo/simulation-plan.js';
import { refreshCheckins } from '../metrics/targets/target-checkins.js';
import { getPractice } from '../store/practice.repository.js';
import { createTarget, listTargets } from '../store/target.repository.js';
import { writeCanonicalFolder } from '../demo/write-canonical-folder.js';
import type { Store } from '../store/database.js';
import { importCanonical, type ImportResult } from '../store/import-canonical.js';
import type { CliIO } from './cli-io.js';
import { progressBar } from './import-progress.js';
import { refreshAfterImport } from './refresh-after-import.js';

export interface DemoOptions {
  seed: number;
  size: Size;
  practiceId: string;
  /** Last simulated day, `YYYY-MM-DD` (default: yesterday in the practice's time zone). */
  end?: string;
}

/**
 * Yesterday's date in `zone`: the demo's data runs up to the last full local day, so the newest
 * closed week and month of the example targets have data.
 */
export const yesterdayIn = (zone: string, now: number = Date.now()): string =>
  DateTime.fromMillis(now, { zone }).minus({ days: 1 }).toISODate()!;

/**
 * Simulates a demo practice into a temporary canonical folder and imports it through the same
 * validation and upsert path as a practice's own export, then removes the folder. The simulated
 * data is clean; should it ever raise issues, their report goes to the temporary directory (and
 * is named on stderr), never into the working folder.
 */
export async function loadDemo(store: Store, opts: DemoOptions, io: CliIO): Promise<ImportResult> {
  const end = opts.end ?? yesterdayIn(resolvePlan({ size: opts.size }).timezone);
  const plan = resolvePlan({ size: opts.size, seed: opts.seed, end });
  const dir = mkdtempSync(join(tmpdir(), 'rapport-demo-'));
  try {
    const expected = plan.targetAppointments;
    let lastDraw = 0;
    io.err(`Simulating a ${opts.size} demo practice (seed ${opts.seed}, up to ${end})…\n`);
    const { counts } = await writeCanonicalFolder(
      dir,
      { size: opts.size, seed: opts.seed, end },
      (c) => {
        if (!io.interactive || Date.now() - lastDraw < 100) return;
        lastDraw = Date.now();
        const share = Math.min(1, c.appointments / expected);
        io.err(
          `\rsimulating  ${String(Math.round(share * 100)).padStart(3)}%  ${c.appointments} appointments\x1b[K`,
        );
      },
    );
    if (io.interactive) io.err('\r\x1b[K');
    io.err(
      `Simulated ${counts.appointments} appointments of ${counts.clients} clients with ${counts.therapists} therapists; loading…\n`,
    );
    const bar = progressBar(io);
    let result;
    try {
      result = await importCanonical(store, [dir], {
        practiceId: opts.practiceId,
        onProgress: bar.update,
        reportPath: join(tmpdir(), `rapport-demo-${Date.now()}-report.csv`),
      });
    } finally {
      bar.done();
    }
    if (result.reportPath) io.err(`The demo import reported issues: ${result.reportPath}\n`);
    await refreshAfterImport(store, result.practice.practice_id, io);
    await addExampleTargets(store, result.practice.practice_id, end, io);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A practice without targets gets the demo's example targets, their check-ins computed and
 * stored; a practice that has any (a second `rapport demo`) is left as it is.
 */
async function addExampleTargets(store: Store, practiceId: string, end: string, io: CliIO) {
  if ((await listTargets(store.db, practiceId)).length > 0) return;
  const practice = await getPractice(store.db, practiceId);
  for (const t of exampleTargets(end)) {
    const made = await createTarget(store.db, practiceId, 'demo', t);
    await refreshCheckins(store.db, practice, made);
  }
  io.err('Added example targets with their check-ins (rapport target list).\n');
}
