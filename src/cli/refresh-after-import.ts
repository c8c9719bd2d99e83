import { refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import type { Store } from '../store/database.js';
import { getPractice } from '../store/practice.repository.js';
import type { CliIO } from './cli-io.js';

/**
 * Brings the practice's rollups up to date after an import, so the first dashboard or
 * `rapport kpi` after it reads them at once; shows the step on a terminal. A failure here loses
 * nothing: the import is saved and the engine rebuilds stale rollups on its next read.
 */
export async function refreshAfterImport(store: Store, practiceId: string, io: CliIO) {
  const started = Date.now();
  try {
    await refreshRollups(store.db, await getPractice(store.db, practiceId), (step) => {
      if (io.interactive) io.err(`\rupdating KPI rollups: ${step}…\x1b[K`);
    });
    if (io.interactive) {
      io.err(`\rKPI rollups updated in ${((Date.now() - started) / 1000).toFixed(1)} s\x1b[K\n`);
    }
  } catch (e) {
    if (io.interactive) io.err('\r\x1b[K');
    io.err(
      `warning: the import is saved, but the KPI rollups could not be updated (${(e as Error).message}); they will be rebuilt on the next KPI read\n`,
    );
  }
}
