import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../../src/server/auth/session-cookie.js';
import type { Store } from '../../../src/store/database.js';
import { createSession, createSignInCode } from '../../../src/store/session.repository.js';
import { createUser, findUserByLogin, setMembership } from '../../../src/store/user.repository.js';

/** The owner of the store's default practice (as a first run creates it), made when missing. */
export async function ownerOf(store: Store, login = 'owner'): Promise<string> {
  const found = await findUserByLogin(store.db, login);
  if (found) return found.user_id;
  const u = await createUser(store.db, { login, display_name: 'Owner' });
  await setMembership(store.db, u.user_id, {
    practice_id: 'default',
    role: 'owner',
    therapist_id: null,
  });
  return u.user_id;
}

/** A one-time sign-in link of a user, as `rapport start` prints it. */
export async function signInLink(store: Store, serverUrl: string, userId: string) {
  return `${serverUrl}/?code=${await createSignInCode(store.db, userId, 'default')}`;
}

/**
 * Signs the page's browser context in as the owner with a one-time code, without loading the
 * dashboard first (the code is posted as the page's link would post it; the cookie lands in
 * the context's jar). The browser tests of the sign-in page itself open the link instead.
 */
export async function signInOwner(page: Page, serverUrl: string, store: Store): Promise<void> {
  const code = await createSignInCode(store.db, await ownerOf(store), 'default');
  const res = await page.request.post(`${serverUrl}/api/v1/session/code`, {
    data: { code },
    headers: { origin: serverUrl },
  });
  if (!res.ok()) throw new Error(`code sign-in answered ${res.status()}`);
}

/** Headers that let a test's own `fetch` read the API as the owner (a session cookie). */
export async function ownerHeaders(store: Store): Promise<Record<string, string>> {
  const s = await createSession(store.db, await ownerOf(store), 'default');
  return { cookie: `${SESSION_COOKIE}=${s.sessionId}` };
}

/** A member of the default practice with `role` (a clinician linked to `therapistId`). */
export async function memberOf(
  store: Store,
  login: string,
  role: 'admin' | 'clinician' | 'viewer',
  therapistId: string | null = null,
): Promise<string> {
  const found = await findUserByLogin(store.db, login);
  const id = found?.user_id ?? (await createUser(store.db, { login, display_name: login })).user_id;
  await setMembership(store.db, id, { practice_id: 'default', role, therapist_id: therapistId });
  return id;
}

/** Signs the page's browser context in as one user, as `signInOwner` does for the owner. */
export async function signInUser(page: Page, serverUrl: string, store: Store, userId: string) {
  const code = await createSignInCode(store.db, userId, 'default');
  const res = await page.request.post(`${serverUrl}/api/v1/session/code`, {
    data: { code },
    headers: { origin: serverUrl },
  });
  if (!res.ok()) throw new Error(`code sign-in answered ${res.status()}`);
}
