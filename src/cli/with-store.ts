import { existsSync } from 'node:fs';
import { AppError } from '../model/app-error.js';
import { openStore, resolveDbUrl, type Store } from '../store/database.js';

export interface StoreUse {
  /**
   * The command only reads: a SQLite file that does not exist is refused (a typo in --db must
   * not create an empty store and answer "no data"). PostgreSQL URLs name a server's database,
   * which the connection itself checks.
   */
  mustExist?: boolean;
}

/** The SQLite file a database URL names, or null for a PostgreSQL URL or an in-memory store. */
function sqliteFile(url: string): string | null {
  if (/^postgres(ql)?:\/\//.test(url)) return null;
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  return file === '' || file === ':memory:' ? null : file;
}

/** Opens the store named by --db / RAPPORT_DB / ./rapport.db for one command, then closes it. */
export async function withStore<T>(
  dbFlag: string | undefined,
  fn: (store: Store) => Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  const url = resolveDbUrl(dbFlag);
  const file = sqliteFile(url);
  if (use.mustExist && file !== null && !existsSync(file)) {
    throw new AppError(
      'NOT_FOUND',
      `no store at ${file}: this command only reads, so it does not create one (check --db or RAPPORT_DB, or import data first)`,
    );
  }
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** withStore for a command that only reads: a store that does not exist is refused. */
export const withExistingStore = <T>(
  dbFlag: string | undefined,
  fn: (store: Store) => Promise<T>,
): Promise<T> => withStore(dbFlag, fn, { mustExist: true });
