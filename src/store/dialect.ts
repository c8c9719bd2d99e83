import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  PostgresDialect,
  PostgresIntrospector,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Dialect,
  type Kysely,
  type SqliteDatabase,
  type RawBuilder,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Cell } from '../ingest/table-batches.js';
import { AppError } from '../model/app-error.js';
import { copyText } from './copy-text.js';

/** The one dialect-aware module: turns a database URL into a Kysely dialect. */
export type DialectName = 'sqlite' | 'postgres';

// Epoch milliseconds and counts arrive as BIGINT / NUMERIC: read them as JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DialectChoice {
  name: DialectName;
  dialect: Dialect;
  /** A human-readable location without credentials. */
  location: string;
}

/**
 * Default bounds, each overridable by its environment variable (milliseconds, 0 = none):
 * - a PostgreSQL statement may run 10 minutes (the longest single statement is a rollup
 *   build or a 30,000-parameter upsert of a large import, far below that);
 * - a PostgreSQL transaction may sit idle 60 s (an import's transaction is idle only while
 *   the next batch is read, milliseconds; a dead client's is ended after a minute);
 * - a SQLite connection waits up to 30 s for another process's write lock (an import beside
 *   a running server) before "database is locked".
 */
export const PG_STATEMENT_TIMEOUT_MS = 600_000;
export const PG_IDLE_TX_TIMEOUT_MS = 60_000;
export const SQLITE_BUSY_TIMEOUT_MS = 30_000;

function timeoutMs(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    throw new AppError(
      'CONFIG',
      `${variable} must be a whole number of milliseconds, got "${text}"`,
    );
  }
  return n;
}

export function dialectFor(url: string): DialectChoice {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      // A client that dies (kill -9) must not leave its backend running a query or holding a
      // transaction open: both are bounded on every connection.
      statement_timeout: timeoutMs('RAPPORT_PG_STATEMENT_TIMEOUT_MS', PG_STATEMENT_TIMEOUT_MS),
      idle_in_transaction_session_timeout: timeoutMs(
        'RAPPORT_PG_IDLE_TX_TIMEOUT_MS',
        PG_IDLE_TX_TIMEOUT_MS,
      ),
      keepAlive: true,
    });
    // A connection the server ends (a timeout above, a restart) reports it as an event; the
    // query that next uses it fails with the reason instead of the process dying unhandled.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
      copyingQueries(client);
    });
    return {
      name: 'postgres',
      dialect: new CurrentSchemaPostgresDialect({ pool }),
      location: url.replace(/\/\/[^@/]*@/, '//'),
    };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file === '') throw new AppError('USAGE', `database URL "${url}" names no file`);
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file);
  } catch (e) {
    throw new AppError('BAD_INPUT', `cannot open SQLite database ${file}: ${(e as Error).message}`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const busyMs = timeoutMs('RAPPORT_SQLITE_BUSY_TIMEOUT_MS', SQLITE_BUSY_TIMEOUT_MS);
  database.pragma(`busy_timeout = ${busyMs}`);
  database.pragma('cache_size = -32768');
  database.pragma('temp_store = memory');
  return {
    name: 'sqlite',
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(database) }, busyMs),
    location: file,
  };
}

const STATEMENT_CACHE_SIZE = 256;

/** Marks SQL text that `executeEach` sends: its parameters are one parameter list per run. */
const EACH = '/* rapport:each */ ';

/**
 * True when the database runs a statement per row faster than one multi-row statement: SQLite,
 * in-process, where a cached prepared statement costs no round trip and no parse per row.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely instance or transaction.
export const runsRowByRow = (db: Kysely<any>): boolean =>
  db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * The values of an integer expression over a group as one comma-separated text (in no set
 * order): the one aggregate whose spelling differs between the dialects, kept here. Reading a
 * list per group instead of a row per value spares the driver a JavaScript object per value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely instance or transaction.
export const listAgg = (db: Kysely<any>, expr: RawBuilder<unknown>): RawBuilder<unknown> =>
  runsRowByRow(db) ? sql`GROUP_CONCAT(${expr})` : sql`STRING_AGG(CAST(${expr} AS TEXT), ',')`;

/** The numbers of a listAgg text (empty or null: none). */
export const parseList = (text: unknown): number[] =>
  text === null || text === undefined || text === '' ? [] : String(text).split(',').map(Number);

/**
 * Runs one compiled single-row statement once per parameter list, through the caller's Kysely
 * connection (so inside its transaction), in one call. Only where `runsRowByRow` holds.
 */
export async function executeEach(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely instance or transaction.
  db: Kysely<any>,
  sql: string,
  parameterRows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  if (parameterRows.length === 0) return;
  if (!runsRowByRow(db)) throw new Error('executeEach runs on SQLite only');
  await db.executeQuery(CompiledQuery.raw(EACH + sql, parameterRows as unknown[]));
}

/**
 * better-sqlite3 compiles a statement on every prepare; Kysely prepares on every query. Batched
 * imports and KPI queries repeat the same SQL text, so compiled statements are kept by text.
 */
function cachingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    if (sql.startsWith(EACH)) return eachRow(prepare(sql.slice(EACH.length)));
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = database.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
  return { close: () => database.close(), prepare };
}

/** A statement whose `run` takes a list of parameter lists and runs the real one per list. */
function eachRow(statement: BetterSqlite3.Statement): BetterSqlite3.Statement {
  return {
    reader: false,
    run(parameterRows: unknown[][]) {
      let changes = 0;
      let lastInsertRowid: number | bigint = 0;
      for (const p of parameterRows) {
        const r = statement.run(p);
        changes += r.changes;
        lastInsertRowid = r.lastInsertRowid;
      }
      return { changes, lastInsertRowid };
    },
  } as unknown as BetterSqlite3.Statement;
}

/**
 * SQLite transactions that take the write lock at BEGIN. Every Rapport transaction writes; a
 * deferred one that reads first and then writes fails at once with "database is locked"
 * (SQLITE_BUSY_SNAPSHOT, no busy wait) when another process committed in between, which is
 * what an import beside a server taking pushes ran into. BEGIN IMMEDIATE waits for the lock.
 *
 * It waits without blocking the thread: SQLite's own busy handler sleeps inside the call, and
 * better-sqlite3 runs it on the JavaScript thread, so while one handle waited (up to the busy
 * timeout) every other request of the process stood still, and a second handle of the same
 * file in the same process (a test, a job beside the server) could never see the lock released
 * by the first: its transaction could not go on to commit, and the wait ended in "database is
 * locked" after the full timeout. So BEGIN runs with no busy wait and is retried after short
 * timer sleeps until the busy timeout has passed.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly busyMs: number,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // The connection is this transaction's alone until it ends (the driver's mutex).
    await connection.executeQuery(CompiledQuery.raw('pragma busy_timeout = 0'));
    try {
      const deadline = Date.now() + this.busyMs;
      for (let attempt = 0; ; attempt++) {
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          return;
        } catch (e) {
          if (!isBusy(e) || Date.now() >= deadline) throw e;
          const pause = BUSY_PAUSES_MS[Math.min(attempt, BUSY_PAUSES_MS.length - 1)]!;
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    } finally {
      await connection.executeQuery(CompiledQuery.raw(`pragma busy_timeout = ${this.busyMs}`));
    }
  }
}

/** The sleeps between attempts at the write lock (SQLite's own busy handler's, shortened). */
const BUSY_PAUSES_MS = [1, 2, 5, 10, 15, 20, 25];

const isBusy = (e: unknown): boolean =>
  String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly busyMs: number,
  ) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.busyMs);
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Kysely's introspector works on Kysely<any>. */

/**
 * Kysely's PostgreSQL introspector lists the columns of every schema on the server, and fails
 * when another schema is dropped at that moment (tenants or test runs in schemas of their own).
 * Rapport only needs the tables of its own schema, which is all this one lists.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  getSchemas() {
    return new PostgresIntrospector(this.db).getSchemas();
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; name: string; type: string }>`
      select table_schema as schema, table_name as name, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db);
    return rows.map((r) => ({
      name: r.name,
      schema: r.schema,
      isView: r.type === 'VIEW',
      columns: [],
    }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** From this many rows written to a table by one import, PostgreSQL's statistics are renewed. */
const ANALYZE_FROM_ROWS = 1_000;

/**
 * Renews the planner statistics of tables a bulk load just filled, inside the caller's
 * transaction (PostgreSQL only: ANALYZE there sees the transaction's own rows and commits its
 * statistics with them). Without it autovacuum may not have run yet when the rollup refresh
 * follows an import, and with no statistics PostgreSQL probes a slot's appointments through
 * the wrong index: one month of slots took 4 s instead of 0.2 s, the refresh minutes.
 */
export async function analyzeAfterLoad(
  db: Kysely<any>,
  written: ReadonlyArray<{ table: string; rows: number }>,
): Promise<void> {
  if (runsRowByRow(db)) return;
  const tables = [
    ...new Set(written.filter((w) => w.rows >= ANALYZE_FROM_ROWS).map((w) => w.table)),
  ];
  for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db);
}

/** An index that only speeds reads (neither a key nor unique), and the statement that makes it. */
export interface SecondaryIndex {
  name: string;
  create: string;
}

/**
 * The secondary indexes of a table (the current schema on PostgreSQL) with their own
 * definitions from the catalog: `sqlite_master.sql` on SQLite, `pg_get_indexdef` on PostgreSQL.
 */
export async function secondaryIndexes(db: Kysely<any>, table: string): Promise<SecondaryIndex[]> {
  if (runsRowByRow(db)) {
    const { rows } = await sql<SecondaryIndex>`
      select m.name as name, m.sql as "create"
      from sqlite_master m join pragma_index_list(${table}) l on l.name = m.name
      where m.type = 'index' and m.tbl_name = ${table} and l."unique" = 0 and m.sql is not null
      order by m.name`.execute(db);
    return rows;
  }
  const { rows } = await sql<SecondaryIndex>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as "create"
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname = ${table}
      and not i.indisunique and not i.indisprimary
    order by c.relname`.execute(db);
  return rows;
}

/**
 * Runs `work` (a bulk load that builds indexes: see indexes-after-load.ts) with SQLite's sorts
 * spilling to temporary files. The store's `temp_store` is `memory`, under which SQLite's sorter
 * never spills, so an index built over ten million rows would be sorted in gigabytes of memory.
 * SQLite refuses the change inside a transaction, so it is made around the caller's.
 * PostgreSQL's sorts spill by themselves.
 */
export async function sortsOnDisk<T>(db: Kysely<any>, work: () => Promise<T>): Promise<T> {
  if (!runsRowByRow(db)) return work();
  await sql`pragma temp_store = file`.execute(db);
  try {
    return await work();
  } finally {
    await sql`pragma temp_store = memory`.execute(db);
  }
}

/** A primary key, unique index or foreign key of a stored table, its columns in key order. */
export interface StoredKey {
  kind: 'primary' | 'unique' | 'foreign';
  name: string;
  columns: string[];
  /** For a foreign key: the table and columns it refers to. */
  references?: { table: string; columns: string[] };
}

/** A table of the store as its catalog describes it. */
export interface StoredTable {
  table: string;
  columns: { name: string; notNull: boolean }[];
  keys: StoredKey[];
}

/**
 * Every table of the store (the current schema on PostgreSQL) with its columns, primary key,
 * unique indexes and constraints, and foreign keys, read from the dialect's own catalog:
 * `pragma_table_info`, `pragma_index_list` / `pragma_index_info` and `pragma_foreign_key_list`
 * on SQLite; `pg_index` and `pg_constraint` on PostgreSQL. An expression in a unique index is
 * listed as `(expression)`.
 */
export async function readStoredTables(db: Kysely<any>): Promise<StoredTable[]> {
  return runsRowByRow(db) ? readSqliteTables(db) : readPgTables(db);
}

function grouped<R extends { table: string; name: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = `${r.table}\u0000${r.name}`;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function readSqliteTables(db: Kysely<any>): Promise<StoredTable[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
    order by name`.execute(db);
  const out: StoredTable[] = [];
  for (const { name: table } of tables) {
    const { rows: cols } = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${table}) order by cid`.execute(db);
    const keys: StoredKey[] = [];
    const pk = cols.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
    if (pk.length > 0)
      keys.push({ kind: 'primary', name: 'primary key', columns: pk.map((c) => c.name) });
    const { rows: indexes } = await sql<{ name: string; origin: string }>`
      select name, origin from pragma_index_list(${table}) where "unique" = 1 order by name`.execute(
      db,
    );
    for (const ix of indexes.filter((i) => i.origin !== 'pk')) {
      const { rows: parts } = await sql<{ name: string | null }>`
        select name from pragma_index_info(${ix.name}) order by seqno`.execute(db);
      keys.push({
        kind: 'unique',
        name: ix.name,
        columns: parts.map((p) => p.name ?? '(expression)'),
      });
    }
    const { rows: fks } = await sql<{ id: number; table: string; from: string; to: string | null }>`
      select id, "table", "from", "to" from pragma_foreign_key_list(${table})
      order by id, seq`.execute(db);
    for (const [, parts] of grouped(fks.map((f) => ({ ...f, name: String(f.id) })))) {
      keys.push({
        kind: 'foreign',
        name: `foreign key ${parts[0]!.id}`,
        columns: parts.map((p) => p.from),
        references: { table: parts[0]!.table, columns: parts.map((p) => p.to ?? '(its key)') },
      });
    }
    out.push({
      table,
      columns: cols.map((c) => ({
        name: c.name,
        notNull: Number(c.notnull) === 1 || Number(c.pk) > 0,
      })),
      keys,
    });
  }
  return out;
}

async function readPgTables(db: Kysely<any>): Promise<StoredTable[]> {
  const { rows: cols } = await sql<{ table: string; name: string; nullable: string }>`
    select table_name as "table", column_name as name, is_nullable as nullable
    from information_schema.columns where table_schema = current_schema()
      and table_name in (select table_name from information_schema.tables
                         where table_schema = current_schema() and table_type = 'BASE TABLE')
    order by table_name, ordinal_position`.execute(db);
  const { rows: indexParts } = await sql<{
    table: string;
    name: string;
    primary: boolean;
    column: string | null;
  }>`
    select t.relname as "table", i.relname as name, x.indisprimary as "primary", a.attname as "column"
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(x.indkey::int2[]) with ordinality as k(attnum, ord)
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum and k.attnum > 0
    where n.nspname = current_schema() and x.indisunique and k.ord <= x.indnkeyatts
    order by t.relname, i.relname, k.ord`.execute(db);
  const { rows: fkParts } = await sql<{
    table: string;
    name: string;
    column: string;
    ref_table: string;
    ref_column: string;
  }>`
    select t.relname as "table", c.conname as name, a.attname as "column",
      r.relname as ref_table, ra.attname as ref_column
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_class r on r.oid = c.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(c.conkey, c.confkey) with ordinality as k(attnum, ref_attnum, ord)
    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    join pg_attribute ra on ra.attrelid = r.oid and ra.attnum = k.ref_attnum
    where n.nspname = current_schema() and c.contype = 'f'
    order by t.relname, c.conname, k.ord`.execute(db);
  const byTable = new Map<string, StoredTable>();
  for (const c of cols) {
    let t = byTable.get(c.table);
    if (!t) byTable.set(c.table, (t = { table: c.table, columns: [], keys: [] }));
    t.columns.push({ name: c.name, notNull: c.nullable === 'NO' });
  }
  for (const [, parts] of grouped(indexParts)) {
    const p = parts[0]!;
    byTable.get(p.table)?.keys.push({
      kind: p.primary ? 'primary' : 'unique',
      name: p.name,
      columns: parts.map((x) => x.column ?? '(expression)'),
    });
  }
  for (const [, parts] of grouped(fkParts)) {
    const p = parts[0]!;
    byTable.get(p.table)?.keys.push({
      kind: 'foreign',
      name: p.name,
      columns: parts.map((x) => x.column),
      references: { table: p.ref_table, columns: parts.map((x) => x.ref_column) },
    });
  }
  return [...byTable.values()].sort((a, b) => a.table.localeCompare(b.table));
}

/* --- Bulk load through COPY (PostgreSQL) ------------------------------------------------- */

/** Marks SQL text of a `COPY … FROM STDIN`: its one parameter is the rows to send. */
const COPY_FROM = '/* rapport:copy */ ';
/** Rows encoded and written to the COPY stream at a time. */
const COPY_CHUNK_ROWS = 1_000;

/**
 * Lets a Kysely connection run `COPY … FROM STDIN`: Kysely hands every statement to the pg
 * client's `query(text, values)`, so a statement marked COPY_FROM is sent through
 * pg-copy-streams on that same client (so inside the caller's transaction) with its
 * parameter's rows as the data; every other statement goes on as before.
 */
function copyingQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  const copying = (text: unknown, values?: unknown, ...rest: unknown[]) =>
    typeof text === 'string' && text.startsWith(COPY_FROM)
      ? copyFromStdin(query, text.slice(COPY_FROM.length), (values as [Cell[][]])[0])
      : query(text, values, ...rest);
  (client as unknown as { query: typeof copying }).query = copying;
}

async function copyFromStdin(
  query: (...a: unknown[]) => unknown,
  text: string,
  rows: ReadonlyArray<readonly Cell[]>,
) {
  const stream = query(copyFrom(text)) as ReturnType<typeof copyFrom>;
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < rows.length; i += COPY_CHUNK_ROWS) {
          yield copyText(rows.slice(i, i + COPY_CHUNK_ROWS));
        }
      })(),
    ),
    stream,
  );
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/**
 * Rows per batch of a file import where the dialect wants larger ones than the writer's default
 * (undefined: the default). On PostgreSQL each batch costs a few statements whatever its size
 * (staging table emptied, COPY, INSERT … SELECT, look-ups): the medium demo's import took
 * 14.7–15.2 s in 500-row batches and 12.3–13.4 s in 5,000-row ones (2026-12-02, alternating
 * runs). Memory stays bounded by the batch.
 */
export const importBatchRows = (db: Kysely<any>): number | undefined =>
  canCopy(db) ? 5_000 : undefined;

/** True where `copyInto` can stage rows: PostgreSQL. */
export const canCopy = (db: Kysely<any>): boolean => !runsRowByRow(db);

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Stages rows (positional, in the order of `columns`) in an empty temporary table shaped like
 * `table` (its columns, no constraints), through `COPY … FROM STDIN` in the text format, and
 * returns the staging table's name for the caller's `INSERT … SELECT`. The table lives until
 * the caller's transaction ends (ON COMMIT DROP: a rolled-back import leaves nothing) and is
 * emptied on every call, so one transaction can stage batch after batch. PostgreSQL only, and
 * only inside a transaction: outside one, each statement could take another pooled connection.
 */
export async function copyInto(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
): Promise<string> {
  if (!canCopy(db) || !db.isTransaction) {
    throw new Error('copyInto runs inside a PostgreSQL transaction only');
  }
  const staged = `rapport_copy_${table}`;
  await db.executeQuery(
    CompiledQuery.raw(
      `CREATE TEMP TABLE IF NOT EXISTS ${quoted(staged)} ON COMMIT DROP AS ` +
        `SELECT * FROM ${quoted(table)} WITH NO DATA; TRUNCATE ${quoted(staged)}`,
    ),
  );
  await db.executeQuery(
    CompiledQuery.raw(
      `${COPY_FROM}COPY ${quoted(staged)} (${columns.map(quoted).join(', ')}) FROM STDIN`,
      [rows],
    ),
  );
  return staged;
}
