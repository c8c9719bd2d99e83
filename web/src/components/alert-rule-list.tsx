import { alertsApi, type AlertRuleView, type AlertStateView } from '../api/alerts-api';
import {
  channelText,
  conditionText,
  KIND_TEXT,
  marginText,
  ruleSubjectText,
  subjectText,
} from '../lib/alert-words';
import { formatInstant } from '../lib/format';
import { useAppData } from '../state/app-context';
import { ConfirmButton } from './confirm-button';
import { EmptyState } from './status-views';

/** The rules of the practice, each with its condition in words and each subject's state. */
export function AlertRuleList({
  rules,
  states,
  names,
  userNames,
  onRemoved,
}: {
  rules: AlertRuleView[];
  states: AlertStateView[];
  /** Display names of subjects (`therapist:t1`, `target:tg_…`). */
  names: Map<string, string>;
  /** user id → "Name (login)", when the caller may list users. */
  userNames: Map<string, string>;
  onRemoved: () => void;
}) {
  const app = useAppData();
  if (rules.length === 0) {
    return (
      <EmptyState title="No alert rules yet">
        <p>
          Add one below: Rapport then judges it on every evaluation and tells you when a measure
          leaves its band, a target goes off track, a therapist is over their own limit or the data
          stops arriving.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="rule-list">
      {rules.map((r) => {
        const c = r.condition;
        const meta = c.type === 'kpi_band' ? app.metaOf(c.kpi) : undefined;
        const mine = states.filter((s) => s.rule_id === r.rule_id);
        return (
          <article
            key={r.rule_id}
            className="card rule-card"
            data-rule={r.rule_id}
            aria-labelledby={`rule-${r.rule_id}`}
          >
            <header className="card-head">
              <h3 id={`rule-${r.rule_id}`}>{r.name}</h3>
              <span className="kind-tag">{KIND_TEXT[c.type]}</span>
            </header>
            <dl className="rule-facts">
              <dt>Watches</dt>
              <dd>{ruleSubjectText(c)}</dd>
              <dt>Fires when</dt>
              <dd className="rule-condition">{conditionText(c, meta)}</dd>
              <dt>K (in a row)</dt>
              <dd>{c.consecutive}</dd>
              <dt>Recovery margin</dt>
              <dd>{marginText(app.fmt, c, meta)}</dd>
              <dt>Sent to</dt>
              <dd className="rule-channels">
                {r.channels.map((ch, i) => (
                  <span key={i} className="channel">
                    {channelText(ch)}
                  </span>
                ))}
              </dd>
              <dt>Recipients</dt>
              <dd>
                {r.recipients.length === 0
                  ? 'Nobody beyond the channels'
                  : r.recipients.map((id) => userNames.get(id) ?? id).join(', ')}
              </dd>
            </dl>
            <table className="rule-states">
              <caption>Current state</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">State</th>
                  <th scope="col">Since</th>
                  <th scope="col">Last judged</th>
                </tr>
              </thead>
              <tbody>
                {mine.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      Not judged yet: the next evaluation (hourly in <code>rapport serve</code>, or{' '}
                      <code>rapport alerts run</code>) fills this in.
                    </td>
                  </tr>
                ) : (
                  mine.map((s) => (
                    <tr key={s.subject} data-subject={s.subject}>
                      <th scope="row">{subjectText(s.subject, names)}</th>
                      <td>
                        <span className={`alert-state alert-state-${s.state}`}>
                          {s.state === 'firing' ? '■ Firing' : '● OK'}
                        </span>
                      </td>
                      <td>
                        {s.since_period
                          ? `${s.since_period}${s.since_at ? ` (noticed ${formatInstant(app.fmt, s.since_at)})` : ''}`
                          : 'since the rule was added'}
                      </td>
                      <td>{s.last_period ?? '—'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
            <div className="card-actions">
              <ConfirmButton
                label="Remove rule"
                question={`Remove “${r.name}”? Its past events and deliveries stay in the log.`}
                confirm="Yes, remove"
                onConfirm={() => alertsApi.remove(r.rule_id).then(onRemoved)}
              />
            </div>
          </article>
        );
      })}
    </div>
  );
}
