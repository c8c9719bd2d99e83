import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';
import { newId } from './secret-token.js';

/** What the audit log records; the list is closed so entries stay comparable. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'user_add',
  'user_remove',
  'role_change',
  'password_reset',
  'invite_create',
  'invite_accept',
  'token_create',
  'token_revoke',
  'import',
  'push',
  'settings_change',
  'export',
  'target_create',
  'target_update',
  'target_delete',
  'checkin_note',
  'alert_rule_create',
  'alert_rule_delete',
  'report_subscription_change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  entry_id: string;
  at: number;
  practice_id: string | null;
  actor: string;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'entry_id' | 'at' | 'target' | 'details' | 'address'> &
  Partial<Pick<AuditEntry, 'target' | 'details' | 'address'>>;

/**
 * The stored practice id of an entry of the whole store (a failed sign-in, a command of no
 * practice): the table is distributed by practice, whose column cannot be NULL, and no practice
 * id is empty. Entries read back with `practice_id: null`.
 */
const NO_PRACTICE = '';

/**
 * Appends an entry. The log is append-only: this module has no update or delete, and no route
 * or command changes an entry. Details hold counts and names, never records or secrets.
 */
export async function appendAudit(db: Db, e: NewAuditEntry, now = Date.now()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      entry_id: newId('aud_'),
      at: now,
      practice_id: e.practice_id ?? NO_PRACTICE,
      actor: e.actor,
      action: e.action,
      target: e.target ?? null,
      details: JSON.stringify(e.details ?? {}),
      address: e.address ?? null,
    })
    .execute();
}

/** The newest entries first, of one practice or (none given) of the whole store. */
export async function listAudit(
  db: Db,
  opts: { practiceId?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  q =
    opts.practiceId === undefined
      ? q.modifyEnd(ACROSS_PRACTICES)
      : q.where('practice_id', '=', opts.practiceId);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('entry_id', 'desc')
    .limit(opts.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    ...r,
    practice_id: r.practice_id === NO_PRACTICE ? null : r.practice_id,
    action: r.action as AuditAction,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
