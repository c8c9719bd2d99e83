import { AppError } from '../model/app-error.js';
import type { Store } from '../store/database.js';
import { createSignInCode } from '../store/session.repository.js';
import {
  countUsers,
  createUser,
  findUserByLogin,
  hasPassword,
  membershipIn,
  setMembership,
} from '../store/user.repository.js';
import { appendAudit } from '../store/audit-log.repository.js';
import type { CliIO } from './cli-io.js';

/** The login of the owner a first run creates. */
export const FIRST_OWNER_LOGIN = 'owner';

/** True for addresses only this machine can reach. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Before serving: on a store without users, a loopback server creates the owner of the
 * practice (who signs in by the one-time link `firstRunLink` prints); a server on another
 * address refuses, since anyone who reaches it could take that link's place. Any non-loopback
 * address is warned about: the traffic is plain HTTP unless a TLS proxy sits in front.
 * Returns the user to print a link for: the first-run owner while they have no password yet
 * (each loopback start prints a fresh link), else null.
 */
export async function prepareAccess(
  store: Store,
  practiceId: string,
  host: string,
  io: CliIO,
): Promise<string | null> {
  const users = await countUsers(store.db);
  if (!isLoopback(host)) {
    if (users === 0) {
      throw new AppError(
        'USAGE',
        `--host ${host} is reachable from other machines, and this store has no user yet: ` +
          'add one first (rapport user add <login> --name <name> --role owner), or serve on ' +
          '127.0.0.1 once to get a one-time sign-in link',
      );
    }
    io.err(
      `rapport: warning: serving on ${host}: traffic is unencrypted HTTP (passwords and data ` +
        'included) unless a TLS proxy sits in front of it\n',
    );
    return null;
  }
  const existing = await findUserByLogin(store.db, FIRST_OWNER_LOGIN);
  if (users > 0) {
    const again =
      existing !== undefined &&
      users === 1 &&
      !(await hasPassword(store.db, existing.user_id)) &&
      (await membershipIn(store.db, existing.user_id, practiceId))?.role === 'owner';
    return again ? existing.user_id : null;
  }
  const owner =
    existing ?? (await createUser(store.db, { login: FIRST_OWNER_LOGIN, display_name: 'Owner' }));
  await setMembership(store.db, owner.user_id, {
    practice_id: practiceId,
    role: 'owner',
    therapist_id: null,
  });
  await appendAudit(store.db, {
    practice_id: practiceId,
    actor: 'cli',
    action: 'user_add',
    target: owner.login,
    details: { role: 'owner', first_run: true },
  });
  return owner.user_id;
}

/** A one-time sign-in link for `userId` at the server's address: valid once, 15 minutes. */
export async function firstRunLink(
  store: Store,
  userId: string,
  practiceId: string,
  url: string,
): Promise<string> {
  const code = await createSignInCode(store.db, userId, practiceId);
  return `${url}/?code=${code}`;
}
