import { useState, type FormEvent } from 'react';
import { sessionApi, type Me } from '../api/session-api';

/**
 * Sign in with login and password, or, from an invite link (`/?invite=…`), choose a login and
 * password and join the practice with the invite's role.
 */
export function SignInPage({ notice, onSignedIn }: { notice?: string; onSignedIn(me: Me): void }) {
  const invite = new URLSearchParams(window.location.search).get('invite');
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = invite
        ? await sessionApi.acceptInvite(invite, login, name, password)
        : await sessionApi.signIn(login, password);
      if (invite) {
        const url = new URL(window.location.href);
        url.searchParams.delete('invite');
        window.history.replaceState(null, '', url.toString());
      }
      onSignedIn(me);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>
        <span aria-hidden="true">◐</span> Rapport
      </h1>
      <form onSubmit={submit} aria-label={invite ? 'Join the practice' : 'Sign in'}>
        <h2>{invite ? 'Join the practice' : 'Sign in'}</h2>
        {notice ? <p role="status">{notice}</p> : null}
        <label>
          Login
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
          />
        </label>
        {invite ? (
          <label>
            Your name
            <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        ) : null}
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={invite ? 'new-password' : 'current-password'}
            required
            minLength={invite ? 10 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p role="alert" className="sign-in-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {invite ? 'Join' : 'Sign in'}
        </button>
        {invite ? null : (
          <p className="muted">
            No password yet? Ask the practice's owner for an invite link, or on the server run{' '}
            <code>npx rapport user reset-password &lt;login&gt;</code>.
          </p>
        )}
      </form>
    </main>
  );
}
