import type { Db } from './database.js';
import { newSecret, sha256 } from './secret-token.js';

/** How long a web session lasts without signing in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** How long a one-time sign-in code is valid. */
export const SIGN_IN_CODE_TTL_MS = 15 * 60 * 1000;

export interface NewSession {
  /** Goes into the HttpOnly cookie; only its SHA-256 is stored. */
  sessionId: string;
  /** Sent back by the web app in X-CSRF-Token; only its SHA-256 is stored. */
  csrfToken: string;
  expiresAt: number;
}

export interface SessionInfo {
  userId: string;
  practiceId: string | null;
  csrfHash: string;
  expiresAt: number;
}

/**
 * Opens a session for a user. The CSRF token is derived from the session id (a labelled hash),
 * so `/me` can hand it again to a reloaded page without storing it in clear.
 */
export async function createSession(
  db: Db,
  userId: string,
  practiceId: string | null,
  now = Date.now(),
  ttlMs = SESSION_TTL_MS,
): Promise<NewSession> {
  const sessionId = newSecret('rps_');
  const csrfToken = csrfTokenOf(sessionId);
  const expiresAt = now + ttlMs;
  // Expired sessions and codes are of no use: each sign-in clears them away.
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await db.deleteFrom('sign_in_codes').where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({
      session_hash: sha256(sessionId),
      user_id: userId,
      practice_id: practiceId,
      csrf_hash: sha256(csrfToken),
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { sessionId, csrfToken, expiresAt };
}

/** The CSRF token of a session: a hash of its id under a distinct label (not stored). */
export const csrfTokenOf = (sessionId: string): string => sha256(`csrf:${sessionId}`);

/** The live session of a cookie's id, or null when unknown or expired. */
export async function findSession(
  db: Db,
  sessionId: string,
  now = Date.now(),
): Promise<SessionInfo | null> {
  const r = await db
    .selectFrom('sessions')
    .select(['user_id', 'practice_id', 'csrf_hash', 'expires_at'])
    .where('session_hash', '=', sha256(sessionId))
    .executeTakeFirst();
  if (!r || r.expires_at <= now) return null;
  return {
    userId: r.user_id,
    practiceId: r.practice_id,
    csrfHash: r.csrf_hash,
    expiresAt: r.expires_at,
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('session_hash', '=', sha256(sessionId)).execute();
}

/** Ends every session of a user (password reset, removal). */
export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Remembers the practice a session's user chose last. */
export async function setSessionPractice(
  db: Db,
  sessionId: string,
  practiceId: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ practice_id: practiceId })
    .where('session_hash', '=', sha256(sessionId))
    .execute();
}

/** A one-time sign-in code for a user (the first-run link); only its SHA-256 is stored. */
export async function createSignInCode(
  db: Db,
  userId: string,
  practiceId: string | null,
  now = Date.now(),
  ttlMs = SIGN_IN_CODE_TTL_MS,
): Promise<string> {
  const code = newSecret('', 24);
  await db
    .insertInto('sign_in_codes')
    .values({
      code_hash: sha256(code),
      user_id: userId,
      practice_id: practiceId,
      created_at: now,
      expires_at: now + ttlMs,
      used_at: null,
    })
    .execute();
  return code;
}

/**
 * Uses a code: the user and practice it signs in, or null when it is unknown, expired or used.
 * One conditional update marks it used, so two requests with one code cannot both succeed.
 */
export async function consumeSignInCode(
  db: Db,
  code: string,
  now = Date.now(),
): Promise<{ userId: string; practiceId: string | null } | null> {
  const hash = sha256(code);
  const r = await db
    .updateTable('sign_in_codes')
    .set({ used_at: now })
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return null;
  const row = await db
    .selectFrom('sign_in_codes')
    .select(['user_id', 'practice_id'])
    .where('code_hash', '=', hash)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, practiceId: row.practice_id };
}
