import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTITY_NAMES } from '../model/entities.js';
import type { Db } from './database.js';
import { entityTable } from './entity-tables.js';

/** The hand-written canonical fixture folders of src/ingest/fixtures. */
export const fixture = (name: 'good' | 'broken'): string =>
  fileURLToPath(new URL(`../ingest/fixtures/${name}`, import.meta.url));

/** A writable copy of a fixture folder (for tests that change a file). */
export function fixtureCopy(name: 'good' | 'broken'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rapport-fixture-')), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** A report path in a fresh temporary folder, so tests never write into the working tree. */
export const scratchReport = (): string =>
  join(mkdtempSync(join(tmpdir(), 'rapport-report-')), 'report.csv');

/** Row counts of every entity table. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of ENTITY_NAMES) {
    const { n } = await db
      .selectFrom(e)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[e] = Number(n);
  }
  return out;
}

/** Every entity table (and practices), ordered by key: for comparing dialects. */
export async function dumpTables(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const { updated_at: _u, ...practice } = (await db
    .selectFrom('practices')
    .selectAll()
    .executeTakeFirst()) ?? { updated_at: 0 };
  out.practices = [practice];
  for (const e of ENTITY_NAMES) {
    let q = db.selectFrom(e).selectAll();
    for (const k of ['practice_id', ...entityTable(e).key]) q = q.orderBy(k as never);
    out[e] = (await q.execute()).map((r) => ({ ...r }));
  }
  return out;
}
