import { rmSync } from 'node:fs';
import pg from 'pg';

/** The throw-away PostgreSQL database of `npm run bench -- --db postgres` (created, dropped). */
export const PG_BENCH_URL =
  process.env.RAPPORT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/rapport_bench';

/**
 * The throw-away database of the COPY baseline beside a bench database: its name with `_copy`
 * appended (rapport_bench → rapport_bench_copy, rapport_bench_x → rapport_bench_x_copy), so a
 * run under a RAPPORT_BENCH_PG of its own never loads or drops the store it measures.
 */
export function copyBenchUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname}_copy`;
  return u.toString();
}

const isPg = (db: string) => /^postgres(ql)?:\/\//.test(db);

/** The database a PostgreSQL URL names, refused unless it is a bench database. */
function benchDatabase(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^rapport_bench\w*$/.test(name)) {
    throw new Error(`the bench drops its database: "${name}" is not named rapport_bench…`);
  }
  u.pathname = '/postgres';
  return { name, admin: u.toString() };
}

async function onServer(url: string, fn: (c: pg.Client, name: string) => Promise<void>) {
  const { name, admin } = benchDatabase(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await fn(c, name);
  } finally {
    await c.end();
  }
}

/** An empty store location: a removed SQLite file, or a dropped and created bench database. */
export async function freshBenchStore(db: string): Promise<void> {
  if (!isPg(db)) {
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    return;
  }
  await onServer(db, async (c, name) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

/** Removes the bench store (the PostgreSQL database; SQLite files stay for a look afterwards). */
export async function dropBenchStore(db: string): Promise<void> {
  if (!isPg(db)) return;
  await onServer(db, async (c, name) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
