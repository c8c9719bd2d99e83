import { AppError } from '../model/app-error.js';
import type { Role } from '../model/role.js';
import type { Membership, User } from '../model/user.js';
import type { Db } from './database.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { ACROSS_PRACTICES } from './practice-tables.js';
import { newId } from './secret-token.js';

const USER_COLUMNS = ['user_id', 'login', 'display_name', 'created_at', 'disabled_at'] as const;

/** A user with their roles, as listed. */
export interface UserWithRoles extends User {
  memberships: Membership[];
}

/** Creates a user; the password (optional: code sign-in only without one) is stored hashed. */
export async function createUser(
  db: Db,
  input: { login: string; display_name: string; password?: string },
  now = Date.now(),
): Promise<User> {
  if (await findUserByLogin(db, input.login)) {
    throw new AppError('CONFLICT', `a user "${input.login}" exists already`);
  }
  const user: User = {
    user_id: newId('usr_'),
    login: input.login,
    display_name: input.display_name,
    created_at: now,
    disabled_at: null,
  };
  const password_hash = input.password === undefined ? null : await hashPassword(input.password);
  await db
    .insertInto('users')
    .values({ ...user, password_hash })
    .execute();
  return user;
}

export const findUserByLogin = (db: Db, login: string): Promise<User | undefined> =>
  db.selectFrom('users').select(USER_COLUMNS).where('login', '=', login).executeTakeFirst();

export const getUser = (db: Db, userId: string): Promise<User | undefined> =>
  db.selectFrom('users').select(USER_COLUMNS).where('user_id', '=', userId).executeTakeFirst();

/** How many users the store has (0 on a first run). */
export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The user whose login and password match and who is not disabled, else null. */
export async function checkPassword(db: Db, login: string, password: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('login', '=', login)
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? null, password);
  if (!row || !ok || row.disabled_at !== null) return null;
  const { password_hash: _, ...user } = row;
  return user;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const password_hash = await hashPassword(password);
  const r = await db
    .updateTable('users')
    .set({ password_hash })
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `no user ${userId}`);
}

/**
 * The practices a user belongs to, with the role in each, by practice id: a person is one user
 * across practices, so this reads every practice's memberships (by the user index).
 */
export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .select(['practice_id', 'role', 'therapist_id'])
    .where('user_id', '=', userId)
    .orderBy('practice_id')
    .modifyEnd(ACROSS_PRACTICES)
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** The user's membership of one practice, or undefined. */
export async function membershipIn(
  db: Db,
  userId: string,
  practiceId: string,
): Promise<Membership | undefined> {
  const r = await db
    .selectFrom('memberships')
    .select(['practice_id', 'role', 'therapist_id'])
    .where('user_id', '=', userId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  return r && { ...r, role: r.role as Role };
}

/** Gives a user a role in a practice, replacing the one they had there. */
export async function setMembership(
  db: Db,
  userId: string,
  m: Membership,
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('practice_id', '=', m.practice_id)
      .execute();
    await tx
      .insertInto('memberships')
      .values({ user_id: userId, ...m, created_at: now })
      .execute();
  });
}

/**
 * Removes a user from a practice, with their monthly-report subscription there (a report is
 * the practice's, so it ends with the role); false when they were not in it. One transaction.
 */
export async function removeMembership(
  db: Db,
  userId: string,
  practiceId: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const r = await tx
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('practice_id', '=', practiceId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await tx
      .deleteFrom('report_subscriptions')
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .execute();
    return true;
  });
}

/** Users of a practice (every user when none is given) with their memberships, by login. */
export async function listUsers(db: Db, practiceId?: string): Promise<UserWithRoles[]> {
  let q = db.selectFrom('users').select(USER_COLUMNS).orderBy('login');
  if (practiceId !== undefined) {
    q = q.where('user_id', 'in', (s) =>
      s.selectFrom('memberships').select('user_id').where('practice_id', '=', practiceId),
    );
  }
  const users = await q.execute();
  return Promise.all(
    users.map(async (u) => {
      const all = await membershipsOf(db, u.user_id);
      const memberships =
        practiceId === undefined ? all : all.filter((m) => m.practice_id === practiceId);
      return { ...u, memberships };
    }),
  );
}

/** How many owners a practice has: the last one cannot be removed or demoted. */
export async function countOwners(db: Db, practiceId: string): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('practice_id', '=', practiceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** True when the user has a password (else they sign in by one-time code only). */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('password_hash')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r?.password_hash != null;
}
