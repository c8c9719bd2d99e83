import { Kysely, Migrator, sql, type MigrationProvider } from 'kysely';
import { AppError } from '../model/app-error.js';
import { dialectFor, type DialectName } from './dialect.js';
import { MIGRATIONS } from './migrations/index.js';
import { queryLogger } from './query-log.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: DialectName;
  location: string;
  close(): Promise<void>;
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** The database URL to use: the flag, else RAPPORT_DB, else ./rapport.db. */
export const resolveDbUrl = (flag?: string): string =>
  flag ?? process.env.RAPPORT_DB ?? 'rapport.db';

/** Opens the store named by `url` and brings its schema up to date. */
export async function openStore(url: string): Promise<Store> {
  const { name, dialect, location } = dialectFor(url);
  // The test harness's query log (off unless RAPPORT_QUERY_LOG is set) leaves out migrations.
  let migrating = true;
  const log = queryLogger(() => migrating);
  const db = new Kysely<Database>({ dialect, ...(log ? { log } : {}) });
  try {
    // On PostgreSQL the migrator must look for its own tables in the current schema only, or a
    // store in one schema would take another schema's migration log for its own.
    const migrationTableSchema =
      name === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
        : undefined;
    const { error, results } = await new Migrator({
      db,
      provider,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error) {
      throw new AppError(
        'DATABASE',
        `cannot prepare the database at ${location}${failed ? ` (migration ${failed.migrationName})` : ''}: ${(error as Error).message}`,
      );
    }
    migrating = false;
  } catch (e) {
    await db.destroy();
    if (e instanceof AppError) throw e;
    throw new AppError(
      'DATABASE',
      `cannot open the database at ${location}: ${(e as Error).message}`,
    );
  }
  return { db, dialect: name, location, close: () => db.destroy() };
}
