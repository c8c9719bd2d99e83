/** Stored shapes of the people-and-access tables (migration 0005). Secrets only as hashes. */
export interface UsersTable {
  user_id: string;
  login: string;
  display_name: string;
  /** argon2id PHC string; null until a password is set (sign-in by one-time code only). */
  password_hash: string | null;
  created_at: number;
  disabled_at: number | null;
}

export interface MembershipsTable {
  user_id: string;
  practice_id: string;
  role: string;
  therapist_id: string | null;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id the cookie carries. */
  session_hash: string;
  user_id: string;
  /** The practice the user last chose (the web app's switcher). */
  practice_id: string | null;
  /** SHA-256 of the session's CSRF token (sent back in the X-CSRF-Token header). */
  csrf_hash: string;
  created_at: number;
  expires_at: number;
}

export interface SignInCodesTable {
  code_hash: string;
  user_id: string;
  practice_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface InvitesTable {
  invite_hash: string;
  invite_id: string;
  practice_id: string;
  role: string;
  therapist_id: string | null;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

export interface AuditLogTable {
  entry_id: string;
  at: number;
  /** '' for an entry of the whole store (a failed sign-in, a CLI command of no practice). */
  practice_id: string;
  /** `user:<id>`, `token:<id>`, `cli` or the login tried in a failed sign-in. */
  actor: string;
  action: string;
  target: string | null;
  /** JSON object text: counts and names, never records or secrets. */
  details: string;
  address: string | null;
}

export interface AccessTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_codes: SignInCodesTable;
  invites: InvitesTable;
  audit_log: AuditLogTable;
}
