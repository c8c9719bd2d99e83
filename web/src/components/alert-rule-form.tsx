import { useState, type FormEvent, type ReactNode } from 'react';
import { alertsApi, fieldIssues, type NewAlertRule } from '../api/alerts-api';
import type { UserView } from '../api/session-api';
import { ALERT_KINDS, KIND_TEXT, type AlertKind } from '../lib/alert-words';
import { BAND_TEXT } from '../lib/bands';
import { useAppData } from '../state/app-context';

type Field =
  | 'name'
  | 'kpi'
  | 'scope'
  | 'days'
  | 'consecutive'
  | 'margin'
  | 'channel'
  | 'url'
  | 'secret'
  | 'email'
  | 'recipients';

/** Which input an issue path of the API belongs to (`condition.days` → days). */
function fieldOf(path: string): Field | null {
  const [head, second, third] = path.split('.');
  if (head === 'name') return 'name';
  if (head === 'recipients') return 'recipients';
  if (head === 'condition') {
    if (second === 'kpi') return 'kpi';
    if (second === 'scope') return 'scope';
    if (second === 'days') return 'days';
    if (second === 'consecutive') return 'consecutive';
    if (second === 'recovery_margin') return 'margin';
    return null;
  }
  if (head === 'channels') {
    if (third === 'url') return 'url';
    if (third === 'secret') return 'secret';
    if (third === 'to') return 'email';
    return 'channel';
  }
  return null;
}

/** A number as typed: a number when it reads as one, else the text (the API says why). */
const numberOf = (v: string): number | string | undefined =>
  v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v;

const randomSecret = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Adds an alert rule of any kind (POST /api/v1/alert-rules). Every check is the API's: its
 * messages are shown under the field they name.
 */
export function AlertRuleForm({
  users,
  onAdded,
}: {
  users: UserView[] | null;
  onAdded: () => void;
}) {
  const app = useAppData();
  const [kind, setKind] = useState<AlertKind>('kpi_band');
  const [name, setName] = useState('');
  const [kpi, setKpi] = useState(app.catalog[0]?.id ?? '');
  const [scopeKind, setScopeKind] = useState<'practice' | 'service' | 'channel'>('practice');
  const [scopeKey, setScopeKey] = useState('');
  const [period, setPeriod] = useState<'week' | 'month'>('week');
  const [band, setBand] = useState<keyof typeof BAND_TEXT>('below_typical');
  const [days, setDays] = useState('');
  const [consecutive, setConsecutive] = useState('2');
  const [margin, setMargin] = useState('2');
  const [channel, setChannel] = useState<'webhook' | 'email' | 'user_email'>('webhook');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [emails, setEmails] = useState('');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const condition = () => {
    const guards = {
      consecutive: kind === 'data_stale' ? undefined : numberOf(consecutive),
      recovery_margin: kind === 'kpi_band' ? numberOf(margin) : undefined,
    };
    if (kind === 'kpi_band') {
      const scope =
        scopeKind === 'practice' ? { kind: scopeKind } : { kind: scopeKind, key: scopeKey.trim() };
      return { type: kind, kpi, scope, period, band, ...guards };
    }
    if (kind === 'target_off_track') return { type: kind, ...guards };
    return { type: kind, days: numberOf(days), ...guards };
  };
  const channels = () => {
    if (channel === 'webhook') return [{ kind: channel, url: url.trim(), secret }];
    if (channel === 'email') {
      const to = emails
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return [{ kind: channel, to }];
    }
    return [{ kind: channel }];
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setIssues({});
    setAdded(null);
    try {
      const body = { name: name.trim(), condition: condition(), recipients, channels: channels() };
      const made = await alertsApi.create(body as NewAlertRule);
      setAdded(made.name);
      setName('');
      // The server keeps the secret; the page does not hold on to it.
      setSecret('');
      onAdded();
    } catch (err) {
      const byField: Partial<Record<Field, string>> = {};
      const rest: string[] = [];
      for (const [path, message] of Object.entries(fieldIssues(err))) {
        const f = fieldOf(path);
        if (f && !byField[f]) byField[f] = message;
        else if (!f) rest.push(path ? `${path}: ${message}` : message);
      }
      setIssues(byField);
      if (Object.keys(byField).length === 0 || rest.length > 0) {
        setError(rest.length ? rest.join('; ') : err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (id: Field, label: string, input: ReactNode, hint?: string) => (
    <div className={`form-field${issues[id] ? ' has-issue' : ''}`} data-field={id}>
      <label htmlFor={`alert-${id}`}>{label}</label>
      {input}
      {hint && !issues[id] && <span className="field-hint">{hint}</span>}
      {issues[id] && (
        <span className="field-issue" id={`alert-${id}-issue`} role="alert">
          {issues[id]}
        </span>
      )}
    </div>
  );
  const aria = (id: Field) => ({
    id: `alert-${id}`,
    name: id,
    'aria-invalid': issues[id] ? true : undefined,
    'aria-describedby': issues[id] ? `alert-${id}-issue` : undefined,
  });

  return (
    <form className="alert-form" onSubmit={submit} aria-label="Add an alert rule" noValidate>
      <div className="form-row">
        <div className="form-field" data-field="kind">
          <label htmlFor="alert-kind">Kind</label>
          <select
            id="alert-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as AlertKind)}
          >
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_TEXT[k]}
              </option>
            ))}
          </select>
        </div>
        {field(
          'name',
          'Name',
          <input {...aria('name')} value={name} onChange={(e) => setName(e.target.value)} />,
          'Shown in every notification',
        )}
      </div>

      {kind === 'kpi_band' && (
        <div className="form-row">
          {field(
            'kpi',
            'Measure',
            <select {...aria('kpi')} value={kpi} onChange={(e) => setKpi(e.target.value)}>
              {app.catalog.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>,
          )}
          <div className="form-field" data-field="band">
            <label htmlFor="alert-band">Fires while the figure is</label>
            <select
              id="alert-band"
              name="band"
              value={band}
              onChange={(e) => setBand(e.target.value as keyof typeof BAND_TEXT)}
            >
              {Object.entries(BAND_TEXT).map(([b, text]) => (
                <option key={b} value={b}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field" data-field="period">
            <label htmlFor="alert-period">Judged each</label>
            <select
              id="alert-period"
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.target.value as 'week' | 'month')}
            >
              <option value="week">Closed week</option>
              <option value="month">Closed month</option>
            </select>
          </div>
          {field(
            'scope',
            'For',
            <span className="inline-inputs">
              <select
                {...aria('scope')}
                value={scopeKind}
                onChange={(e) => setScopeKind(e.target.value as 'practice' | 'service' | 'channel')}
              >
                <option value="practice">Whole practice</option>
                <option value="service">One service</option>
                <option value="channel">One channel</option>
              </select>
              {scopeKind !== 'practice' && (
                <input
                  name="scope-key"
                  aria-label={scopeKind === 'service' ? 'Service name' : 'Channel name'}
                  value={scopeKey}
                  onChange={(e) => setScopeKey(e.target.value)}
                />
              )}
            </span>,
          )}
        </div>
      )}

      <div className="form-row">
        {(kind === 'therapist_over_limit' || kind === 'data_stale') &&
          field(
            'days',
            kind === 'data_stale' ? 'Days without an import' : 'Days over the limit in a week',
            <input
              {...aria('days')}
              inputMode="numeric"
              value={days}
              placeholder={kind === 'data_stale' ? '7' : '2'}
              onChange={(e) => setDays(e.target.value)}
            />,
          )}
        {kind !== 'data_stale' &&
          field(
            'consecutive',
            `${kind === 'target_off_track' ? 'Periods' : kind === 'kpi_band' ? `${period === 'week' ? 'Weeks' : 'Months'}` : 'Weeks'} in a row before it fires (K)`,
            <input
              {...aria('consecutive')}
              inputMode="numeric"
              value={consecutive}
              onChange={(e) => setConsecutive(e.target.value)}
            />,
          )}
        {kind === 'kpi_band' &&
          field(
            'margin',
            'Recovery margin',
            <input
              {...aria('margin')}
              inputMode="decimal"
              value={margin}
              onChange={(e) => setMargin(e.target.value)}
            />,
            'How far out of the band, in the measure’s unit, before it resolves',
          )}
      </div>

      <div className="form-row">
        {field(
          'channel',
          'Send to',
          <select
            {...aria('channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as 'webhook' | 'email' | 'user_email')}
          >
            <option value="webhook">A webhook (signed JSON)</option>
            <option value="email">E-mail addresses</option>
            <option value="user_email">The recipients’ own e-mail</option>
          </select>,
        )}
        {channel === 'webhook' && (
          <>
            {field(
              'url',
              'Webhook URL',
              <input
                {...aria('url')}
                type="url"
                value={url}
                placeholder="https://example.org/hooks/rapport"
                onChange={(e) => setUrl(e.target.value)}
              />,
            )}
            {field(
              'secret',
              'Signing secret',
              <span className="inline-inputs">
                <input
                  {...aria('secret')}
                  value={secret}
                  autoComplete="off"
                  onChange={(e) => setSecret(e.target.value)}
                />
                <button type="button" onClick={() => setSecret(randomSecret())}>
                  Generate
                </button>
              </span>,
              'At least 16 characters; stored on the server and never shown again',
            )}
          </>
        )}
        {channel === 'email' &&
          field(
            'email',
            'Addresses',
            <input
              {...aria('email')}
              value={emails}
              placeholder="owner@example.org, team@example.org"
              onChange={(e) => setEmails(e.target.value)}
            />,
            'Separated by commas',
          )}
      </div>

      <fieldset
        className={`recipients${issues.recipients ? ' has-issue' : ''}`}
        data-field="recipients"
      >
        <legend>Recipients (also told in their weekly digest)</legend>
        {users === null ? (
          <p className="muted">The practice’s users could not be listed here.</p>
        ) : (
          users.map((u) => (
            <label key={u.user_id} className="check">
              <input
                type="checkbox"
                checked={recipients.includes(u.user_id)}
                onChange={(e) =>
                  setRecipients((r) =>
                    e.target.checked ? [...r, u.user_id] : r.filter((x) => x !== u.user_id),
                  )
                }
              />{' '}
              {u.display_name} ({u.login})
            </label>
          ))
        )}
        {issues.recipients && (
          <span className="field-issue" role="alert">
            {issues.recipients}
          </span>
        )}
      </fieldset>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="form-done" role="status">
          Rule “{added}” added. It is judged on the next evaluation.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Add rule
        </button>
      </div>
    </form>
  );
}
