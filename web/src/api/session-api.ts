import { ApiError, practiceId } from './api-client';

/** The signed-in user as `GET /api/v1/me` answers (src/server/auth/auth-schemas.ts `ZMe`). */
export interface Me {
  user: { user_id: string; login: string; display_name: string };
  practices: {
    practice_id: string;
    name: string | null;
    role: 'owner' | 'admin' | 'clinician' | 'viewer';
    therapist_id: string | null;
  }[];
  practice: string | null;
  csrf_token: string;
  expires_at: number;
}

export interface UserView {
  user_id: string;
  login: string;
  display_name: string;
  role: Me['practices'][number]['role'];
  therapist_id: string | null;
  disabled: boolean;
}

export interface InviteView {
  invite_id: string;
  role: UserView['role'];
  therapist_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  link?: string;
}

export interface AuditEntry {
  entry_id: string;
  at: number;
  actor: string;
  /** The login of a `user:<id>` actor; null for the CLI, tokens and failed sign-ins. */
  actor_login: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/** Fired when the server answers 401: the session ended, the app shows the sign-in page. */
export const SIGNED_OUT_EVENT = 'rapport:signed-out';

/** Requests that answer 401 as part of signing in, not because a session ended. */
const SIGN_IN_PATHS = [
  '/api/v1/session',
  '/api/v1/session/code',
  '/api/v1/me',
  '/api/v1/invites/accept',
];

/** The session's CSRF token, sent with every state-changing request. */
let csrfToken: string | null = null;

/** The header a state-changing request of this session carries (none before sign-in). */
export const csrfHeader = (): Record<string, string> =>
  csrfToken ? { 'x-csrf-token': csrfToken } : {};

/** A JSON request to the API; state-changing ones carry the CSRF token. */
export async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  practice = false,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const url = practice
    ? `${path}${path.includes('?') ? '&' : '?'}practice=${encodeURIComponent(practiceId())}`
    : path;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'The Rapport server did not answer. Is `rapport serve` running?',
    );
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    // A session that ended while the page was open: back to the sign-in page.
    if (res.status === 401 && !SIGN_IN_PATHS.includes(path)) {
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    }
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'HTTP',
      e?.message ?? `The server answered ${res.status}.`,
      e?.details,
    );
  }
  return json as T;
}

const remember = (me: Me): Me => {
  csrfToken = me.csrf_token;
  return me;
};

export const sessionApi = {
  me: () => send<Me>('GET', '/api/v1/me').then(remember),
  signIn: (login: string, password: string) =>
    send<Me>('POST', '/api/v1/session', { login, password }).then(remember),
  codeSignIn: (code: string) => send<Me>('POST', '/api/v1/session/code', { code }).then(remember),
  acceptInvite: (invite: string, login: string, display_name: string, password: string) =>
    send<Me>('POST', '/api/v1/invites/accept', { invite, login, display_name, password }).then(
      remember,
    ),
  signOut: async () => {
    await send('DELETE', '/api/v1/session');
    csrfToken = null;
  },
  users: () => send<UserView[]>('GET', '/api/v1/users', undefined, true),
  setRole: (login: string, role: string, therapist_id: string | null) =>
    send<UserView>(
      'PUT',
      `/api/v1/users/${encodeURIComponent(login)}/role`,
      { role, therapist_id },
      true,
    ),
  removeUser: (login: string) =>
    send('DELETE', `/api/v1/users/${encodeURIComponent(login)}`, undefined, true),
  invites: () => send<InviteView[]>('GET', '/api/v1/invites', undefined, true),
  invite: (role: string, therapist_id: string | null, expires_hours: number) =>
    send<InviteView>('POST', '/api/v1/invites', { role, therapist_id, expires_hours }, true),
  audit: () => send<AuditEntry[]>('GET', '/api/v1/audit?limit=200', undefined, true),
};
