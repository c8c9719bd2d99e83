import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, practiceId } from '../api/api-client';
import { SIGNED_OUT_EVENT, sessionApi, type Me } from '../api/session-api';
import { LoadingState, ErrorState } from '../components/status-views';
import { SignInPage } from '../pages/sign-in-page';

export interface Session {
  me: Me;
  /** The role in the practice shown. */
  role: Me['practices'][number]['role'] | null;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionGate');
  return s;
}

type Gate =
  | { state: 'loading' }
  | { state: 'signed-out'; notice?: string }
  | { state: 'error'; error: Error }
  | { state: 'in'; me: Me };

/** Removes `name` from the page address (a used one-time code must not stay in history). */
function dropParam(name: string): void {
  const url = new URL(window.location.href);
  url.searchParams.delete(name);
  window.history.replaceState(null, '', url.toString());
}

/** The page address for a practice, keeping the hash route. */
function addressFor(practice: string): string {
  const url = new URL(window.location.href);
  if (practice === 'default') url.searchParams.delete('practice');
  else url.searchParams.set('practice', practice);
  return url.toString();
}

/**
 * Shows the sign-in page until there is a session: first a one-time code in the address
 * (`/?code=…`, the first-run link), then the session cookie (`/me`). A 401 later (session
 * expired) comes back here. A practice the user has no role in switches to one they have.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>({ state: 'loading' });
  const enter = useCallback((me: Me) => {
    const shown = practiceId();
    const mine = me.practices.map((p) => p.practice_id);
    if (!mine.includes(shown) && mine.length > 0) {
      window.location.replace(addressFor(me.practice ?? mine[0]!));
      return;
    }
    setGate({ state: 'in', me });
  }, []);

  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code');
    const start = code
      ? sessionApi.codeSignIn(code).finally(() => dropParam('code'))
      : sessionApi.me();
    start.then(enter, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        setGate({ state: 'signed-out', notice: code ? e.message : undefined });
      } else setGate({ state: 'error', error: e as Error });
    });
    const onSignedOut = () =>
      setGate({ state: 'signed-out', notice: 'Your session has ended; sign in again.' });
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [enter]);

  if (gate.state === 'loading') return <LoadingState what="your session" />;
  if (gate.state === 'error') return <ErrorState error={gate.error} />;
  if (gate.state === 'signed-out') return <SignInPage notice={gate.notice} onSignedIn={enter} />;
  const me = gate.me;
  const session: Session = {
    me,
    role: me.practices.find((p) => p.practice_id === practiceId())?.role ?? null,
    signOut: async () => {
      // A session that had already ended is signed out all the same.
      await sessionApi.signOut().catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      });
      window.location.hash = '#/';
      setGate({ state: 'signed-out', notice: 'You are signed out.' });
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export { addressFor };
