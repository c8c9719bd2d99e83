import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from './database.js';
import type { DialectName } from './dialect.js';
import { QUERY_LOG_ENV, QUERY_LOG_TEST_ENV } from './query-log.js';

/**
 * Test harness: the same test body runs on every dialect. SQLite gets a fresh file, PostgreSQL a
 * fresh schema on the server named by RAPPORT_TEST_PG (default 127.0.0.1:5432/test). Without a
 * reachable server the PostgreSQL cases are skipped with a printed notice; with
 * RAPPORT_REQUIRE_ALL_DIALECTS=1 (set by CI) a skip is a failure instead.
 */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

// The query log names the test file of every statement, in this process and in the CLI and
// server processes a test starts (they inherit the environment).
if (process.env[QUERY_LOG_ENV]) {
  process.env[QUERY_LOG_TEST_ENV] ??= relative(process.cwd(), process.argv[1] ?? '?');
}

const PG_URL = process.env.RAPPORT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
let pgReachable: Promise<string | null> | undefined;

/** Attempts at reaching the server before its tests are skipped (a loaded machine can refuse one). */
const PROBES = 3;

/** Null when the server answers, else why it did not (the last attempt's error). */
async function probePg(): Promise<string | null> {
  let why = '';
  for (let attempt = 1; attempt <= PROBES; attempt++) {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    } finally {
      await client.end().catch(() => undefined);
    }
    if (attempt < PROBES) await new Promise((r) => setTimeout(r, 2_000));
  }
  return why;
}

export interface TestStore extends Store {
  url: string;
  drop(): Promise<void>;
}

/** Why a dialect cannot run here, or null when it can. Throws when CI requires every dialect. */
export async function dialectSkipReason(dialect: DialectName): Promise<string | null> {
  if (dialect === 'sqlite') return null;
  pgReachable ??= probePg();
  const why = await pgReachable;
  if (why === null) return null;
  const reason = `PostgreSQL not reachable at ${PG_URL.replace(/\/\/[^@/]*@/, '//')} (${why}): PostgreSQL tests skipped`;
  if (process.env.RAPPORT_REQUIRE_ALL_DIALECTS === '1') {
    throw new Error(`${reason}, but RAPPORT_REQUIRE_ALL_DIALECTS=1 requires them`);
  }
  console.log(`# NOTICE: ${reason}`);
  return reason;
}

/** Opens a fresh, empty, migrated store of the dialect; drop() removes it. */
export async function freshStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
    const url = join(dir, 'test.db');
    const store = await openStore(url);
    return {
      ...store,
      url,
      drop: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const sep = PG_URL.includes('?') ? '&' : '?';
  const url = `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dropSchema = () =>
    underSchemaLock(async (c) => void (await c.query(`drop schema if exists ${schema} cascade`)));
  let store: Store | undefined;
  try {
    await underSchemaLock(async (c) => {
      await c.query(`create schema ${schema}`);
      store = await openStore(url);
    });
  } catch (e) {
    await dropSchema();
    throw e;
  }
  const opened = store!;
  return {
    ...opened,
    url,
    drop: async () => {
      await opened.close();
      await dropSchema();
    },
  };
}

/** Any number shared by every test process: the key of the advisory lock below. */
const SCHEMA_LOCK = 72_610_001;

/**
 * Creating, migrating and dropping test schemas one at a time across test processes: Kysely's
 * migrator lists the tables of every schema, and a schema dropped meanwhile by another test
 * process makes that listing fail ("schema … does not exist").
 */
async function underSchemaLock(fn: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}
