import { useRef, useState, type FormEvent } from 'react';
import { sessionApi, type UserView } from '../api/session-api';
import { targetsApi, type Confidence, type TargetView } from '../api/targets-api';
import { useApi } from '../api/use-api';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorState, EmptyState, LoadingState } from '../components/status-views';
import { TargetChart } from '../components/target-chart';
import { TargetEditForm } from '../components/target-edit-form';
import { kindText, scopeText, TargetStatus } from '../components/target-status';
import { formatValue } from '../lib/format';
import { CsvDownload } from '../components/csv-download';
import { useAppData } from '../state/app-context';
import { useSession, type Session } from '../state/session-context';

/** Who may change a target: owners and admins the shared ones, a clinician their personal one. */
const canManage = (role: Session['role'], t: TargetView) =>
  t.scope.startsWith('therapist:') ? role === 'clinician' : role === 'owner' || role === 'admin';

/** Every target the user may see, each with its check-ins, chart, status and notes. */
export function TargetsPage() {
  const { role } = useSession();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`targets:${version}`, () =>
    Promise.all([targetsApi.list(), role === 'owner' ? sessionApi.users() : Promise.resolve(null)]),
  );
  // After a change the list stays on screen until the new answer (no jump to the top).
  const last = useRef<typeof loaded | null>(null);
  if (loaded.state === 'ready') last.current = loaded;
  const shown = loaded.state === 'loading' && last.current ? last.current : loaded;
  const reload = () => setVersion((v) => v + 1);
  let body;
  if (shown.state === 'loading') body = <LoadingState what="the targets" />;
  else if (shown.state === 'error') body = <ErrorState error={shown.error} />;
  else if (shown.data[0].length === 0)
    body = (
      <EmptyState title="No targets yet">
        <p>
          {role === 'clinician'
            ? 'Open your therapist page or any measure and choose "Set a personal target".'
            : 'Open the overview and choose "Set a target" on any measure.'}
        </p>
      </EmptyState>
    );
  else
    body = shown.data[0].map((t) => (
      <TargetPanel
        key={t.target_id}
        target={t}
        manage={canManage(role, t)}
        users={shown.data[1]}
        onChanged={reload}
      />
    ));
  return (
    <>
      <div className="page-head">
        <h1>Targets</h1>
        <p className="lede">
          Where the practice wants to be, checked each closed week or month against the figures
          computed from the records. A shaded band is the figure's interval: when it still reaches
          the expected value or bound, the check-in is at risk rather than off track.
        </p>
      </div>
      {body}
    </>
  );
}

function TargetPanel({
  target,
  manage,
  users,
  onChanged,
}: {
  target: TargetView;
  manage: boolean;
  users: UserView[] | null;
  onChanged: () => void;
}) {
  const app = useAppData();
  const meta = app.metaOf(target.kpi_id);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const checkins = useApi(`${target.target_id}:${target.updated_at}:${version}`, () =>
    targetsApi.checkins(target.target_id),
  );
  const unit = meta?.unit ?? 'score';
  const show = (v: number | null) => (v === null ? '—' : formatValue(app.fmt, v, unit));
  const latest =
    checkins.state === 'ready' ? (checkins.data[checkins.data.length - 1] ?? null) : target.latest;
  return (
    <section
      className="card target-panel"
      data-target={target.target_id}
      aria-labelledby={`t-${target.target_id}`}
    >
      <header className="card-head">
        <h2 id={`t-${target.target_id}`}>{target.title}</h2>
        {latest ? (
          <TargetStatus status={latest.status} prefix={`Latest (${latest.period}): `} />
        ) : (
          <span className="target-status">No closed period yet</span>
        )}
      </header>
      <p className="target-facts">
        <span>{meta?.name ?? target.kpi_id}</span> · <span>{scopeText(target.scope)}</span> ·{' '}
        <span>{kindText(app.fmt, target.kind, unit)}</span> ·{' '}
        <span>
          {target.cadence === 'week' ? 'weekly' : 'monthly'} check-ins from {target.start_date}
        </span>
      </p>
      {target.notes && <p className="target-notes">{target.notes}</p>}
      {manage && !editing && (
        <div className="card-actions target-actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit target
          </button>
          <ConfirmButton
            label="Remove target"
            question={`Remove “${target.title}” with its check-ins and notes?`}
            confirm="Yes, remove"
            onConfirm={() => targetsApi.remove(target.target_id).then(onChanged)}
          />
        </div>
      )}
      {editing && (
        <TargetEditForm
          target={target}
          users={users}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {checkins.state === 'loading' && <LoadingState what="the check-ins" />}
      {checkins.state === 'error' && <ErrorState error={checkins.error} />}
      {checkins.state === 'ready' && checkins.data.length > 0 && (
        <>
          <TargetChart fmt={app.fmt} meta={meta} kind={target.kind} checkins={checkins.data} />
          <table className="checkins">
            <caption>Check-ins</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Value</th>
                <th scope="col">Interval</th>
                <th scope="col">n</th>
                <th scope="col">Expected</th>
                <th scope="col">Status</th>
                <th scope="col">Confidence</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {checkins.data
                .slice()
                .reverse()
                .map((c) => (
                  <tr key={c.period} data-period={c.period}>
                    <th scope="row">{c.period}</th>
                    <td>{show(c.value)}</td>
                    <td>{c.ci ? `${show(c.ci[0])} – ${show(c.ci[1])}` : '—'}</td>
                    <td>{c.n}</td>
                    <td>{show(c.expected)}</td>
                    <td>
                      <TargetStatus status={c.status} />
                    </td>
                    <td>{c.confidence ? <TargetStatus status={c.confidence} /> : '—'}</td>
                    <td className="checkin-note">{c.note ?? ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <CsvDownload
            filename={`target-${target.target_id}-checkins.csv`}
            columns={[
              'period',
              'from',
              'to',
              'value',
              'ci_low',
              'ci_high',
              'n',
              'expected',
              'status',
              'confidence',
              'note',
            ]}
            rows={checkins.data.map((c) => ({
              period: c.period,
              from: c.from,
              to: c.to,
              value: c.value,
              ci_low: c.ci?.[0],
              ci_high: c.ci?.[1],
              n: c.n,
              expected: c.expected,
              status: c.status,
              confidence: c.confidence,
              note: c.note,
            }))}
          />
          <NoteForm
            targetId={target.target_id}
            periods={checkins.data.map((c) => c.period).reverse()}
            onSaved={() => setVersion((v) => v + 1)}
          />
        </>
      )}
    </section>
  );
}

function NoteForm({
  targetId,
  periods,
  onSaved,
}: {
  targetId: string;
  periods: string[];
  onSaved: () => void;
}) {
  const [period, setPeriod] = useState(periods[0] ?? '');
  const [note, setNote] = useState('');
  const [confidence, setConfidence] = useState<Confidence | ''>('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await targetsApi.note(targetId, period, note.trim() || null, confidence || null);
      setNote('');
      setConfidence('');
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="note-form" onSubmit={submit} aria-label="Add a note to a check-in">
      <label>
        Check-in{' '}
        <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {periods.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Note <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        Your confidence{' '}
        <select
          name="confidence"
          value={confidence}
          onChange={(e) => setConfidence(e.target.value as Confidence | '')}
        >
          <option value="">—</option>
          <option value="on_track">On track</option>
          <option value="at_risk">At risk</option>
          <option value="off_track">Off track</option>
        </select>
      </label>
      <button type="submit">Add note</button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
