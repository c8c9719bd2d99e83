import { sessionApi } from '../api/session-api';
import { useApi } from '../api/use-api';
import { ErrorState, LoadingState } from '../components/status-views';

/** An action as read: its words (`target_create` → "target create"), a few spelled out. */
const actionLabel = (a: string): string =>
  ({ checkin_note: 'check-in note' })[a] ?? a.replace(/_/g, ' ');

/** Owners: the practice's audit log, newest first (read only: nothing edits an entry). */
export function AuditPage() {
  const loaded = useApi('audit', () => sessionApi.audit());
  if (loaded.state === 'loading') return <LoadingState what="the audit log" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Target</th>
            <th>Details</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {loaded.data.map((e) => (
            <tr key={e.entry_id}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td title={e.actor}>{e.actor_login ?? e.actor}</td>
              <td>{actionLabel(e.action)}</td>
              <td>{e.target ?? '–'}</td>
              <td>
                <code>{JSON.stringify(e.details)}</code>
              </td>
              <td>{e.address ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
