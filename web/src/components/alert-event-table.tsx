import { useState } from 'react';
import type { AlertNotification, AlertRuleView } from '../api/alerts-api';
import { subjectText } from '../lib/alert-words';
import { formatNumber, formatValue } from '../lib/format';
import { useAppData } from '../state/app-context';
import { EmptyState } from './status-views';
import { CsvDownload } from './csv-download';

const PAGE = 20;

/** Recent state changes of the practice's rules, newest first, twenty at a time. */
export function AlertEventTable({
  events,
  rules,
  names,
}: {
  events: AlertNotification[];
  rules: AlertRuleView[];
  names: Map<string, string>;
}) {
  const app = useAppData();
  const [shown, setShown] = useState(PAGE);
  if (events.length === 0) {
    return (
      <EmptyState title="No alert has fired yet">
        <p>
          Each time a rule fires or resolves, the change appears here with its period and figure.
        </p>
      </EmptyState>
    );
  }
  const byId = new Map(rules.map((r) => [r.rule_id, r]));
  const valueText = (e: AlertNotification) => {
    if (e.value === null) return '—';
    const c = byId.get(e.rule_id)?.condition;
    const meta = c?.type === 'kpi_band' ? app.metaOf(c.kpi) : undefined;
    if (meta) return formatValue(app.fmt, e.value, meta.unit);
    if (e.type === 'therapist_over_limit' || e.type === 'data_stale')
      return `${formatNumber(app.fmt, e.value, 'score').replace(/\.00$/, '')} days`;
    // A removed rule's measure is unknown: the figure as a plain number.
    return new Intl.NumberFormat(app.fmt.locale, { maximumFractionDigits: 1 }).format(e.value);
  };
  const newest = events.slice().reverse();
  return (
    <>
      <div className="table-wrap">
        <table className="alert-events">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Rule</th>
              <th scope="col">Subject</th>
              <th scope="col">Change</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {newest.slice(0, shown).map((e) => (
              <tr key={e.event_id} data-event={e.event_id}>
                <th scope="row">{e.period}</th>
                <td>{e.rule_name}</td>
                <td>{subjectText(e.subject, names)}</td>
                <td>
                  <span
                    className={`alert-state alert-state-${e.transition === 'fire' ? 'firing' : 'ok'}`}
                  >
                    {e.transition === 'fire' ? '■ Fired' : '● Resolved'}
                  </span>
                </td>
                <td className="num">{valueText(e)}</td>
                <td>{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvDownload
        filename="alert-events.csv"
        columns={['period', 'rule', 'type', 'subject', 'transition', 'value', 'text']}
        rows={newest.map((e) => ({
          period: e.period,
          rule: e.rule_name,
          type: e.type,
          subject: subjectText(e.subject, names),
          transition: e.transition,
          value: e.value,
          text: e.text,
        }))}
      />
      {newest.length > shown && (
        <button type="button" className="show-more" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({newest.length - shown} older)
        </button>
      )}
    </>
  );
}
