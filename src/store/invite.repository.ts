import type { Membership } from '../model/user.js';
import type { Role } from '../model/role.js';
import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';
import { newId, newSecret, sha256 } from './secret-token.js';

/** How long an invite link is valid unless the owner chooses otherwise. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteInfo {
  invite_id: string;
  practice_id: string;
  role: Role;
  therapist_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** An invite to a practice with a role; the secret goes into the link, its hash is stored. */
export async function createInvite(
  db: Db,
  m: Membership,
  createdBy: string | null,
  now = Date.now(),
  ttlMs = INVITE_TTL_MS,
): Promise<{ secret: string; info: InviteInfo }> {
  const secret = newSecret('inv_', 24);
  const info: InviteInfo = {
    invite_id: newId('ivt_'),
    practice_id: m.practice_id,
    role: m.role,
    therapist_id: m.therapist_id,
    created_at: now,
    expires_at: now + ttlMs,
    used_at: null,
  };
  await db
    .insertInto('invites')
    .values({ ...info, invite_hash: sha256(secret), created_by: createdBy, used_by: null })
    .execute();
  return { secret, info };
}

/** The open invite of a secret (unused, unexpired), or null. The link names no practice. */
export async function findInvite(db: Db, secret: string, now = Date.now()) {
  const r = await db
    .selectFrom('invites')
    .select(['invite_id', 'practice_id', 'role', 'therapist_id', 'created_at', 'expires_at'])
    .where('invite_hash', '=', sha256(secret))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .modifyEnd(ACROSS_PRACTICES)
    .executeTakeFirst();
  return r ? { ...r, role: r.role as Role, used_at: null } : null;
}

/** Marks an invite used by a user; false when another request used it first. */
export async function useInvite(
  db: Db,
  invite: Pick<InviteInfo, 'practice_id' | 'invite_id'>,
  userId: string,
  now = Date.now(),
): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ used_at: now, used_by: userId })
    .where('practice_id', '=', invite.practice_id)
    .where('invite_id', '=', invite.invite_id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A practice's invites, newest first. */
export async function listInvites(db: Db, practiceId: string): Promise<InviteInfo[]> {
  const rows = await db
    .selectFrom('invites')
    .select([
      'invite_id',
      'practice_id',
      'role',
      'therapist_id',
      'created_at',
      'expires_at',
      'used_at',
    ])
    .where('practice_id', '=', practiceId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}
