import { openStore } from '../store/database.js';
import { importCanonicalFolder } from '../store/import-canonical.js';
import { freshBenchStore } from './bench-store.js';

/**
 * Imports a canonical folder through the product's own path: into a fresh store (a new SQLite
 * file or PostgreSQL database), or (`again`) once more into the store the first import filled,
 * as a nightly export would. The issue report goes to `report`.
 */
export async function importStep(folder: string, db: string, report: string, again = false) {
  if (!again) await freshBenchStore(db);
  const store = await openStore(db);
  try {
    const t = performance.now();
    const r = await importCanonicalFolder(store, folder, { reportPath: report });
    const ms = performance.now() - t;
    const rows = r.files.reduce((n, f) => n + f.read, 0);
    const rejected = r.files.reduce((n, f) => n + f.rejected, 0);
    const unchanged = r.files.reduce((n, f) => n + f.unchanged, 0);
    return { ms, rows, extra: { rejected, unchanged, status: r.status } };
  } finally {
    await store.close();
  }
}
