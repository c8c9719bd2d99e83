import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatePractice } from '../../../src/demo/simulate-practice.js';
import { ZPractice } from '../../../src/model/practice.js';
import { openStore, type Store } from '../../../src/store/database.js';
import { importCanonical } from '../../../src/store/import-canonical.js';
import { savePractice } from '../../../src/store/practice.repository.js';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A temporary SQLite store holding a simulated practice, loaded through the real importer as a
 * canonical CSV folder, exactly as `rapport import` would; `end` is its last day (the
 * simulator's fixed default when absent).
 */
export async function demoStore(size: 'sample' | 'small' = 'small', seed = 11, end?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-web-e2e-'));
  const folder = join(dir, 'canonical');
  mkdirSync(folder);
  const rows = new Map<string, Record<string, string>[]>();
  const { plan } = await simulatePractice({ size, seed, end }, (entity, row) => {
    let list = rows.get(entity);
    if (!list) rows.set(entity, (list = []));
    list.push(row);
  });
  for (const [entity, list] of rows) {
    const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
    const lines = [
      columns.join(','),
      ...list.map((r) => columns.map((c) => quote(r[c] ?? '')).join(',')),
    ];
    writeFileSync(join(folder, `${entity}.csv`), `${lines.join('\n')}\n`);
  }
  const store: Store = await openStore(`sqlite:${join(dir, 'rapport.db')}`);
  await savePractice(
    store.db,
    ZPractice.parse({
      practice_id: 'default',
      name: plan.name,
      timezone: plan.timezone,
      currency: plan.currency,
      profile: plan.profile,
    }),
  );
  await importCanonical(store, [folder], { reportPath: join(dir, 'import-report.json') });
  return {
    store,
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
