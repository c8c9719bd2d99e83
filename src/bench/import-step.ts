import { rmSync } from 'node:fs';
import { openStore } from '../store/database.js';
import { importCanonicalFolder } from '../store/import-canonical.js';

/**
 * Imports a canonical folder through the product's own path: into a fresh SQLite file, or
 * (`again`) once more into the store the first import filled, as a nightly export would.
 */
export async function importStep(folder: string, db: string, again = false) {
  if (!again) for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const store = await openStore(db);
  try {
    const t = performance.now();
    const r = await importCanonicalFolder(store, folder, { reportPath: `${db}.report.csv` });
    const ms = performance.now() - t;
    const rows = r.files.reduce((n, f) => n + f.read, 0);
    const rejected = r.files.reduce((n, f) => n + f.rejected, 0);
    const unchanged = r.files.reduce((n, f) => n + f.unchanged, 0);
    return { ms, rows, extra: { rejected, unchanged, status: r.status } };
  } finally {
    await store.close();
  }
}
