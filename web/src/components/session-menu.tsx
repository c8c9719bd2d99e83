import { useSession, addressFor } from '../state/session-context';
import { practiceId } from '../api/api-client';

/** The header's user part: who is signed in, the practice switcher, sign out. */
export function SessionMenu() {
  const { me, role, signOut } = useSession();
  const shown = practiceId();
  return (
    <div className="session-menu">
      {me.practices.length > 1 ? (
        <label>
          <span className="visually-hidden">Practice</span>
          <select
            aria-label="Practice"
            value={shown}
            onChange={(e) => window.location.assign(addressFor(e.target.value))}
          >
            {me.practices.map((p) => (
              <option key={p.practice_id} value={p.practice_id}>
                {p.name ?? p.practice_id} ({p.role})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="session-user">
        {me.user.display_name}
        {role ? ` · ${role}` : ''}
      </span>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
