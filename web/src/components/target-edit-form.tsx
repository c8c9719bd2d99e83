import { TargetKindOptions } from './target-kind-options';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldIssues } from '../api/field-issues';
import type { UserView } from '../api/session-api';
import { targetsApi, type TargetKind, type TargetPatch, type TargetView } from '../api/targets-api';

/** The kind's two numbers as text: value / low / from, and high / to. */
const numbersOf = (k: TargetKind): [string, string] =>
  k.type === 'from_to'
    ? [String(k.start_value), String(k.goal)]
    : k.type === 'within'
      ? [String(k.lo), String(k.hi)]
      : [String(k.x), ''];

/** A number as typed, else the text itself so that the API names the field and says why. */
const num = (v: string): number | string =>
  v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;

/**
 * Changes a target through PATCH /api/v1/targets/{id}: only the fields that changed are sent
 * (a new kind, start or cadence recomputes the check-ins; notes on check-ins stay).
 */
export function TargetEditForm({
  target,
  users,
  onSaved,
  onCancel,
}: {
  target: TargetView;
  /** The practice's users when the caller may list them (owners), for the followers. */
  users: UserView[] | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(target.title);
  const [notes, setNotes] = useState(target.notes ?? '');
  const [type, setType] = useState<TargetKind['type']>(target.kind.type);
  const [a, setA] = useState(numbersOf(target.kind)[0]);
  const [b, setB] = useState(numbersOf(target.kind)[1]);
  const [due, setDue] = useState(target.kind.type === 'from_to' ? target.kind.due : '');
  const [start, setStart] = useState(target.start_date);
  const [cadence, setCadence] = useState(target.cadence);
  const [followers, setFollowers] = useState(target.followers);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // As typed: a field that is not a number goes as text and comes back as the API's issue.
  const kind = (): TargetKind => {
    if (type === 'from_to') return { type, start_value: num(a), goal: num(b), due } as TargetKind;
    if (type === 'within') return { type, lo: num(a), hi: num(b) } as TargetKind;
    return { type, x: num(a) } as TargetKind;
  };
  const patch = (): TargetPatch => {
    const p: TargetPatch = {};
    if (title !== target.title) p.title = title;
    const n = notes.trim() === '' ? null : notes;
    if (n !== target.notes) p.notes = n;
    const k = kind();
    if (JSON.stringify(k) !== JSON.stringify(target.kind)) p.kind = k;
    if (start !== target.start_date) p.start_date = start;
    if (cadence !== target.cadence) p.cadence = cadence;
    if (JSON.stringify(followers) !== JSON.stringify(target.followers)) p.followers = followers;
    return p;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setIssues({});
    const p = patch();
    if (Object.keys(p).length === 0) return onCancel();
    setBusy(true);
    try {
      await targetsApi.update(target.target_id, p);
      onSaved();
    } catch (err) {
      const found = fieldIssues(err);
      setIssues(found);
      const shownAt = /^(title|kind|start_date|cadence|notes)(\.|$)/;
      if (!Object.keys(found).some((p) => shownAt.test(p))) {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };
  /** The issue of a field: its path or one below it; `=path` takes that path alone. */
  const issueOf = (...paths: string[]) =>
    Object.entries(issues).find(([p]) =>
      paths.some((x) => (x.startsWith('=') ? p === x.slice(1) : p === x || p.startsWith(`${x}.`))),
    )?.[1];
  const field = (label: string, paths: string[], input: ReactNode) => {
    const issue = issueOf(...paths);
    return (
      <div className={`form-field${issue ? ' has-issue' : ''}`}>
        <label>
          {label}
          {input}
        </label>
        {issue && (
          <span className="field-issue" role="alert">
            {issue}
          </span>
        )}
      </div>
    );
  };
  const two = type === 'from_to' || type === 'within';
  const first = type === 'from_to' ? 'kind.start_value' : type === 'within' ? 'kind.lo' : 'kind.x';
  const second = type === 'from_to' ? 'kind.goal' : 'kind.hi';
  return (
    <form className="target-edit" onSubmit={submit} aria-label={`Edit ${target.title}`} noValidate>
      <div className="form-row">
        {field(
          'Title',
          ['title'],
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />,
        )}
        {field(
          'Kind',
          ['=kind', 'kind.type'],
          <select
            name="kind"
            value={type}
            onChange={(e) => setType(e.target.value as TargetKind['type'])}
          >
            <TargetKindOptions />
          </select>,
        )}
        {field(
          type === 'from_to' ? 'From' : type === 'within' ? 'Low' : 'Value',
          [first],
          <input name="a" inputMode="decimal" value={a} onChange={(e) => setA(e.target.value)} />,
        )}
        {two &&
          field(
            type === 'from_to' ? 'To' : 'High',
            [second],
            <input name="b" inputMode="decimal" value={b} onChange={(e) => setB(e.target.value)} />,
          )}
        {type === 'from_to' &&
          field(
            'Due date',
            ['kind.due'],
            <input name="due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />,
          )}
      </div>
      <div className="form-row">
        {field(
          'Start',
          ['start_date'],
          <input
            name="start"
            type="date"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />,
        )}
        {field(
          'Check-in',
          ['cadence'],
          <select
            name="cadence"
            value={cadence}
            onChange={(e) => setCadence(e.target.value as 'week' | 'month')}
          >
            <option value="week">Every week</option>
            <option value="month">Every month</option>
          </select>,
        )}
        {field(
          'Notes',
          ['notes'],
          <textarea
            name="notes"
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />,
        )}
      </div>
      {users && (
        <fieldset className="recipients">
          <legend>Followers (get this target in their weekly digest)</legend>
          {users.map((u) => (
            <label key={u.user_id} className="check">
              <input
                type="checkbox"
                checked={followers.includes(u.user_id)}
                onChange={(e) =>
                  setFollowers((f) =>
                    e.target.checked ? [...f, u.user_id] : f.filter((x) => x !== u.user_id),
                  )
                }
              />{' '}
              {u.display_name} ({u.login})
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save changes
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
