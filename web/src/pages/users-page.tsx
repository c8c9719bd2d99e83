import { useState } from 'react';
import { sessionApi, type InviteView, type UserView } from '../api/session-api';
import { useApi } from '../api/use-api';
import { ErrorState, LoadingState } from '../components/status-views';

const ROLES = ['owner', 'admin', 'clinician', 'viewer'] as const;
const when = (ms: number) => new Date(ms).toLocaleString();

/** Owners: the practice's users and their roles, and invite links with an expiry. */
export function UsersPage() {
  const [version, setVersion] = useState(0);
  const loaded = useApi(`users-${version}`, () =>
    Promise.all([sessionApi.users(), sessionApi.invites()]),
  );
  const [role, setRole] = useState<(typeof ROLES)[number]>('viewer');
  const [therapist, setTherapist] = useState('');
  const [hours, setHours] = useState(72);
  const [link, setLink] = useState<InviteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (loaded.state === 'loading') return <LoadingState what="the users" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  const [users, invites] = loaded.data;
  const act = (p: Promise<unknown>) =>
    p.then(
      () => (setError(null), setVersion((v) => v + 1)),
      (e: Error) => setError(e.message),
    );
  const changeRole = (u: UserView, next: string) => {
    const t =
      next === 'clinician'
        ? window.prompt(`Therapist id of ${u.display_name}`, u.therapist_id ?? '')
        : null;
    if (next === 'clinician' && !t) return;
    act(sessionApi.setRole(u.login, next, t));
  };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      {error ? <p role="alert">{error}</p> : null}
      <table>
        <thead>
          <tr>
            <th>Login</th>
            <th>Name</th>
            <th>Role</th>
            <th>Therapist</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.user_id}>
              <td>{u.login}</td>
              <td>{u.display_name}</td>
              <td>
                <select
                  aria-label={`Role of ${u.login}`}
                  value={u.role}
                  onChange={(e) => changeRole(u, e.target.value)}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{u.therapist_id ?? '–'}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    window.confirm(`Remove ${u.login}?`) && act(sessionApi.removeUser(u.login))
                  }
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          sessionApi.invite(role, role === 'clinician' ? therapist : null, hours).then(
            (inv) => (setLink(inv), setVersion((v) => v + 1)),
            (err: Error) => setError(err.message),
          );
        }}
      >
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>{' '}
        {role === 'clinician' ? (
          <label>
            Therapist id{' '}
            <input required value={therapist} onChange={(e) => setTherapist(e.target.value)} />
          </label>
        ) : null}{' '}
        <label>
          Valid for (hours){' '}
          <input
            type="number"
            min={1}
            max={720}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          />
        </label>{' '}
        <button type="submit">Create invite link</button>
      </form>
      {link?.link ? (
        <p role="status">
          Send this link to the person (valid once, until {when(link.expires_at)}):{' '}
          <code>{link.link}</code>
        </p>
      ) : null}
      {invites.length > 0 ? (
        <ul>
          {invites.map((i) => (
            <li key={i.invite_id}>
              {i.role}
              {i.therapist_id ? ` (${i.therapist_id})` : ''}:{' '}
              {i.used_at ? `used ${when(i.used_at)}` : `open until ${when(i.expires_at)}`}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
