import { useState } from 'react';
import {
  reportSubscriptionsApi,
  type ReportSubscription,
  type ReportSubscriptionInput,
} from '../api/report-subscriptions-api';
import { sessionApi, type UserView } from '../api/session-api';
import { useApi } from '../api/use-api';
import { ErrorState, LoadingState } from './status-views';

type Paper = 'a4' | 'letter';

/** What each user would receive: a clinician their own therapist report, others the practice's. */
const reportOf = (u: UserView, sub: ReportSubscription | undefined): string =>
  u.role === 'clinician'
    ? `their own report (therapist ${u.therapist_id ?? '?'})`
    : sub?.therapist
      ? `therapist ${sub.therapist}'s report`
      : 'the practice report';

/**
 * Owners and admins: who receives the monthly report PDF by e-mail on the 1st of each month
 * (the schedule of `rapport serve`). One row per user of the practice; saving replaces the list.
 */
export function ReportSubscribers() {
  const [version, setVersion] = useState(0);
  const loaded = useApi(`report-subscribers:${version}`, () =>
    Promise.all([sessionApi.users(), reportSubscriptionsApi.list()]),
  );
  const [chosen, setChosen] = useState<Map<string, Paper> | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (loaded.state === 'loading') return <LoadingState what="the report's recipients" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  const [users, subs] = loaded.data;
  const byLogin = new Map(subs.map((s) => [s.login, s]));
  const current = chosen ?? new Map(subs.map((s) => [s.login, s.paper]));
  const set = (login: string, paper: Paper | null) => {
    const next = new Map(current);
    if (paper === null) next.delete(login);
    else next.set(login, paper);
    setChosen(next);
    setMessage(null);
  };
  const save = async () => {
    const list: ReportSubscriptionInput[] = [...current].map(([login, paper]) => ({
      login,
      paper,
      // Keep a therapist report chosen elsewhere (the CLI); a clinician's is always their own.
      therapist: byLogin.get(login)?.therapist ?? null,
    }));
    try {
      const saved = await reportSubscriptionsApi.save(list);
      setChosen(null);
      setVersion((v) => v + 1);
      setMessage({
        ok: true,
        text:
          saved.length === 0
            ? 'Saved: nobody receives the report by e-mail.'
            : `Saved: ${saved.length} ${saved.length === 1 ? 'person receives' : 'people receive'} the report.`,
      });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  const active = users.filter((u) => !u.disabled);
  return (
    <div className="report-subscribers">
      <h3>Send it by e-mail each month</h3>
      <p className="muted">
        On the 1st of each month at 08:00 (the practice&apos;s time) the report of the month just
        ended goes to the people ticked here, once each; it needs the server&apos;s SMTP settings.
        Clinicians receive their own figures beside the practice&apos;s.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Receives</th>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Report</th>
              <th scope="col">Paper</th>
            </tr>
          </thead>
          <tbody>
            {active.map((u) => {
              const paper = current.get(u.login);
              const noAddress = !/^[^@\s]+@[^@\s]+$/.test(u.login);
              return (
                <tr key={u.login}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`E-mail the report to ${u.display_name}`}
                      checked={paper !== undefined}
                      disabled={noAddress || (u.role === 'clinician' && !u.therapist_id)}
                      onChange={(e) => set(u.login, e.target.checked ? (paper ?? 'a4') : null)}
                    />
                  </td>
                  <td>
                    {u.display_name} <span className="muted">{u.login}</span>
                    {noAddress && <span className="muted"> (no e-mail address)</span>}
                  </td>
                  <td>{u.role}</td>
                  <td>{reportOf(u, byLogin.get(u.login))}</td>
                  <td>
                    <select
                      aria-label={`Paper for ${u.display_name}`}
                      value={paper ?? 'a4'}
                      disabled={paper === undefined}
                      onChange={(e) => set(u.login, e.target.value as Paper)}
                    >
                      <option value="a4">A4</option>
                      <option value="letter">US Letter</option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={() => void save()} disabled={chosen === null}>
        Save recipients
      </button>{' '}
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'error'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
