import { TargetKindOptions } from './target-kind-options';
import { useState, type FormEvent } from 'react';
import type { KpiMeta } from '../api/api-types';
import { targetsApi, type TargetKind } from '../api/targets-api';
import { practiceId } from '../api/api-client';
import { useAppData } from '../state/app-context';
import { useSession } from '../state/session-context';
import { addDays } from '../lib/period';

/** The therapist a clinician's personal targets are on (their own), else null. */
export function useOwnTherapist(): string | null {
  const { me, role } = useSession();
  if (role !== 'clinician') return null;
  return me.practices.find((p) => p.practice_id === practiceId())?.therapist_id ?? null;
}

/** A Monday some weeks before the data's last day, so the new target has closed check-ins. */
function defaultStart(last: string | null): string {
  const end = last ?? new Date().toISOString().slice(0, 10);
  const d = new Date(`${end}T00:00:00Z`);
  const back = ((d.getUTCDay() + 6) % 7) + 28;
  return addDays(end, -back);
}

/** A small form that sets a target on one KPI (POST /api/v1/targets); errors in words. */
export function TargetForm({ meta, onClose }: { meta: KpiMeta; onClose: () => void }) {
  const app = useAppData();
  const own = useOwnTherapist();
  const [title, setTitle] = useState(`${meta.name} target`);
  const [type, setType] = useState<TargetKind['type']>('above');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [due, setDue] = useState('');
  const [dim, setDim] = useState<'practice' | 'service' | 'channel'>('practice');
  const [scopeValue, setScopeValue] = useState('');
  const [cadence, setCadence] = useState<'week' | 'month'>('week');
  const [start, setStart] = useState(defaultStart(app.range.last));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const kind = (): TargetKind => {
    const x = Number(a);
    const y = Number(b);
    if (type === 'from_to') return { type, start_value: x, goal: y, due };
    if (type === 'within') return { type, lo: x, hi: y };
    return { type, x };
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await targetsApi.create({
        kpi_id: meta.id,
        scope: own
          ? `therapist:${own}`
          : dim === 'practice'
            ? 'practice'
            : `${dim}:${scopeValue.trim()}`,
        kind: kind(),
        title,
        start_date: start,
        cadence,
      });
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <div className="target-form" role="status">
        <p>
          Target set. See it on the <a href="#/targets">Targets page</a>.
        </p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  const two = type === 'from_to' || type === 'within';
  return (
    <form className="target-form" onSubmit={submit} aria-label={`Set a target on ${meta.name}`}>
      <label>
        Title <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Kind{' '}
        <select
          name="kind"
          value={type}
          onChange={(e) => setType(e.target.value as TargetKind['type'])}
        >
          <TargetKindOptions />
        </select>
      </label>
      <label>
        {type === 'from_to' ? 'From' : type === 'within' ? 'Low' : 'Value'}{' '}
        <input name="a" inputMode="decimal" value={a} onChange={(e) => setA(e.target.value)} />
      </label>
      {two && (
        <label>
          {type === 'from_to' ? 'To' : 'High'}{' '}
          <input name="b" inputMode="decimal" value={b} onChange={(e) => setB(e.target.value)} />
        </label>
      )}
      {type === 'from_to' && (
        <label>
          By <input name="due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      {own ? (
        <p className="personal-scope">On your own figures: a personal target only you see.</p>
      ) : (
        <>
          <label>
            Scope{' '}
            <select
              name="scope"
              value={dim}
              onChange={(e) => setDim(e.target.value as 'practice' | 'service' | 'channel')}
            >
              <option value="practice">Whole practice</option>
              <option value="service">One service</option>
              <option value="channel">One channel</option>
            </select>
          </label>
          {dim !== 'practice' && (
            <label>
              Name{' '}
              <input
                name="scope-value"
                value={scopeValue}
                onChange={(e) => setScopeValue(e.target.value)}
              />
            </label>
          )}
        </>
      )}
      <label>
        Check-in{' '}
        <select
          name="cadence"
          value={cadence}
          onChange={(e) => setCadence(e.target.value as 'week' | 'month')}
        >
          <option value="week">Every week</option>
          <option value="month">Every month</option>
        </select>
      </label>
      <label>
        Start{' '}
        <input name="start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="target-form-actions">
        <button type="submit" disabled={busy}>
          Save target
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The "Set a target" button of a KPI card or detail page, opening the form in place. */
export function TargetButton({ meta }: { meta: KpiMeta }) {
  const [open, setOpen] = useState(false);
  const { role } = useSession();
  const own = useOwnTherapist();
  // A viewer reads figures only; the server would refuse them.
  if (role === 'viewer' || role === null) return null;
  return open ? (
    <TargetForm meta={meta} onClose={() => setOpen(false)} />
  ) : (
    <button type="button" className="set-target" onClick={() => setOpen(true)}>
      {own ? 'Set a personal target' : 'Set a target'}
    </button>
  );
}
