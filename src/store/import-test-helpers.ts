import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/**
 * A canonical folder of `clients` clients and `events` activity events, one a minute and a
 * second from 2026-01-02, spread over the clients in turn (activity's key has four columns).
 */
export function activityFolder(clients: number, events: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-activity-'));
  const id = (n: number) => `c-${String(n).padStart(6, '0')}`;
  const clientRows = ['client_id,created_at,acquisition_channel,discharged_at'];
  for (let c = 0; c < clients; c++) clientRows.push(`${id(c)},2026-01-01T09:00:00Z,search,`);
  const eventRows = ['user_id,user_type,occurred_at,kind'];
  const t0 = Date.UTC(2026, 0, 2);
  for (let e = 0; e < events; e++) {
    const at = new Date(t0 + e * 61_000).toISOString().replace('.000Z', 'Z');
    eventRows.push(`${id(e % clients)},client,${at},${e % 3 === 0 ? 'login' : 'message'}`);
  }
  writeFileSync(join(dir, 'clients.csv'), clientRows.join('\n') + '\n');
  writeFileSync(join(dir, 'activity.csv'), eventRows.join('\n') + '\n');
  return dir;
}
