import { AppError } from '../model/app-error.js';
import type { Store } from '../store/database.js';
import { isKnownPractice } from '../store/known-practice.js';

/** Practices once found stay known (no path removes one); unknown ones are asked again. */
const known = new WeakMap<Store, Set<string>>();

/** Throws 404 NOT_FOUND for a practice the store does not know, before anything is computed. */
export async function requireKnownPractice(store: Store, practiceId: string): Promise<void> {
  let seen = known.get(store);
  if (!seen) known.set(store, (seen = new Set()));
  if (seen.has(practiceId)) return;
  if (!(await isKnownPractice(store.db, practiceId))) {
    throw new AppError('NOT_FOUND', `no practice "${practiceId}" in this store`);
  }
  seen.add(practiceId);
}
