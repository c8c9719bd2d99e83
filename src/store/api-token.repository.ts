import { createHash, randomBytes } from 'node:crypto';
import { SCOPES, type Scope } from '../model/role.js';
import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';
import type { ApiTokensTable } from './tables.js';

/** A token as listed: never its secret nor its hash. */
export type ApiTokenInfo = Omit<ApiTokensTable, 'token_hash'>;

/** The scopes of a stored `scopes` text, in SCOPES order. */
export const scopesOf = (text: string): Scope[] =>
  SCOPES.filter((s) => text.split(' ').includes(s));

/** The SHA-256 (hex) of a token: all the store keeps of it. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Creates an API token for a practice: `rpt_` + 32 random bytes (base64url). Returns the token
 * (shown once) and its row; only the token's SHA-256 is stored.
 */
export async function createApiToken(
  db: Db,
  practiceId: string,
  name: string | null,
  now = Date.now(),
  opts: { scopes?: readonly Scope[]; expiresAt?: number | null } = {},
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = `rpt_${randomBytes(32).toString('base64url')}`;
  const info: ApiTokenInfo = {
    token_id: `tok_${randomBytes(6).toString('hex')}`,
    practice_id: practiceId,
    name,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
    scopes: SCOPES.filter((s) => (opts.scopes ?? ['records:write']).includes(s)).join(' '),
    expires_at: opts.expiresAt ?? null,
  };
  await db
    .insertInto('api_tokens')
    .values({ ...info, token_hash: hashToken(token) })
    .execute();
  return { token, info };
}

/** The tokens of a practice (every practice when none is given), oldest first. */
export async function listApiTokens(db: Db, practiceId?: string): Promise<ApiTokenInfo[]> {
  let q = db
    .selectFrom('api_tokens')
    .select([
      'token_id',
      'practice_id',
      'name',
      'created_at',
      'last_used_at',
      'revoked_at',
      'scopes',
      'expires_at',
    ]);
  q =
    practiceId === undefined
      ? q.modifyEnd(ACROSS_PRACTICES)
      : q.where('practice_id', '=', practiceId);
  return q.orderBy('created_at').orderBy('token_id').execute();
}

/** A token of a practice by its id. */
export interface ApiTokenKey {
  practice_id: string;
  token_id: string;
}

/**
 * Revokes a token; false when there is no such token or it was revoked already. A bare id (a
 * command of the whole store) is first looked up across practices.
 */
export async function revokeApiToken(
  db: Db,
  token: ApiTokenKey | string,
  now = Date.now(),
): Promise<boolean> {
  const key = typeof token === 'string' ? await tokenKeyOf(db, token) : token;
  if (!key) return false;
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('practice_id', '=', key.practice_id)
    .where('token_id', '=', key.token_id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The practice of a token named by its id alone, or undefined. */
export const tokenKeyOf = (db: Db, tokenId: string): Promise<ApiTokenKey | undefined> =>
  db
    .selectFrom('api_tokens')
    .select(['practice_id', 'token_id'])
    .where('token_id', '=', tokenId)
    .modifyEnd(ACROSS_PRACTICES)
    .executeTakeFirst();

/**
 * The practice and scopes of a presented token, or null when the token is unknown, revoked or
 * expired. A successful look-up records the time of use.
 */
export async function authenticateToken(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<{ tokenId: string; practiceId: string; scopes: Scope[] } | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['token_id', 'practice_id', 'scopes', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .modifyEnd(ACROSS_PRACTICES)
    .executeTakeFirst();
  if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('practice_id', '=', row.practice_id)
    .where('token_id', '=', row.token_id)
    .execute();
  return { tokenId: row.token_id, practiceId: row.practice_id, scopes: scopesOf(row.scopes) };
}
