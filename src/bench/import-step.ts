import { openStore } from '../store/database.js';
import { importCanonicalFolder } from '../store/import-canonical.js';
import { freshBenchStore } from './bench-store.js';

/**
 * Imports a canonical folder through the product's own path: into a fresh store (a new SQLite
 * file or PostgreSQL database), or (`again`) once more into the store the first import filled,
 * as a nightly export would. The issue report goes to `report`.
 */
const PROGRESS_MS = 60_000;

export async function importStep(folder: string, db: string, report: string, again = false) {
  if (!again) await freshBenchStore(db);
  const store = await openStore(db);
  try {
    const t = performance.now();
    let next = t + PROGRESS_MS;
    let done = 0;
    let current = '';
    let fileRows = 0;
    const r = await importCanonicalFolder(store, folder, {
      reportPath: report,
      // A long run says where it is (rows so far, this process's peak RSS) about once a minute.
      onProgress: (p) => {
        if (p.file !== current) [done, current] = [done + fileRows, p.file];
        fileRows = p.rows;
        const now = performance.now();
        if (now < next) return;
        next = now + PROGRESS_MS;
        const rss = Math.round(process.resourceUsage().maxRSS / 1024);
        const pct = p.size > 0 ? ` (${((100 * p.bytes) / p.size).toFixed(0)} % of it)` : '';
        process.stderr.write(
          `  ${((now - t) / 1000).toFixed(0)} s: ${p.file} ${p.rows} rows${pct}, ${done + p.rows} in all, peak RSS ${rss} MB\n`,
        );
      },
    });
    const ms = performance.now() - t;
    const rows = r.files.reduce((n, f) => n + f.read, 0);
    const rejected = r.files.reduce((n, f) => n + f.rejected, 0);
    const unchanged = r.files.reduce((n, f) => n + f.unchanged, 0);
    return { ms, rows, extra: { rejected, unchanged, status: r.status } };
  } finally {
    await store.close();
  }
}
