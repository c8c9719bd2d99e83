import { openStore, resolveDbUrl, type Store } from '../store/database.js';

/** Opens the store named by --db / RAPPORT_DB / ./rapport.db for one command, then closes it. */
export async function withStore<T>(
  dbFlag: string | undefined,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(resolveDbUrl(dbFlag));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
