import { useState } from 'react';
import { alertsApi, type AlertNotification, type DeliveryView } from '../api/alerts-api';
import { useApi } from '../api/use-api';
import { destinationText } from '../lib/alert-words';
import { formatInstant } from '../lib/format';
import { useAppData } from '../state/app-context';
import { EmptyState, ErrorState, LoadingState } from './status-views';
import { CsvDownload } from './csv-download';

const PAGE = 10;

/** What an attempt got back: the HTTP status or SMTP code, and the error when it failed. */
const answerText = (a: DeliveryView['attempts'][number]) =>
  [a.status_code === null ? null : String(a.status_code), a.error].filter(Boolean).join(' · ') ||
  '—';

/**
 * The delivery log: every webhook call and e-mail of the practice's alerts, newest first, with
 * each attempt; ten deliveries at a time (the API's `limit`, asked one further to know if more
 * are there).
 */
export function DeliveryLog({ events, version }: { events: AlertNotification[]; version: number }) {
  const app = useAppData();
  const [limit, setLimit] = useState(PAGE);
  const loaded = useApi(`deliveries:${limit}:${version}`, () => alertsApi.deliveries(limit + 1));
  if (loaded.state === 'loading') return <LoadingState what="the delivery log" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  if (loaded.data.length === 0) {
    return (
      <EmptyState title="Nothing sent yet">
        <p>
          When a rule fires or resolves, each webhook call and e-mail is listed here: when it was
          tried, where it went, what the receiver answered, and every retry.
        </p>
      </EmptyState>
    );
  }
  const byEvent = new Map(events.map((e) => [e.event_id, e]));
  const shown = loaded.data.slice(0, limit);
  return (
    <>
      <div className="table-wrap">
        <table className="delivery-log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Alert</th>
              <th scope="col">Channel</th>
              <th scope="col">Destination</th>
              <th scope="col" className="num">
                Attempt
              </th>
              <th scope="col">Answer</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          {shown.map((d) => {
            const e = byEvent.get(d.event_id);
            const alert = e
              ? `${e.rule_name}: ${e.transition === 'fire' ? 'fired' : 'resolved'} ${e.period}`
              : d.event_id;
            const rows =
              d.attempts.length > 0
                ? d.attempts
                : [{ attempt: 0, at: d.created_at, ok: false, status_code: null, error: null }];
            return (
              <tbody key={d.delivery_id} data-delivery={d.delivery_id} data-status={d.status}>
                {rows.map((a, i) => (
                  <tr key={a.attempt} data-attempt={a.attempt}>
                    <td>{formatInstant(app.fmt, a.at)}</td>
                    <td>{i === 0 ? alert : ''}</td>
                    <td>{d.channel === 'webhook' ? 'Webhook' : 'E-mail'}</td>
                    <td
                      className="destination"
                      title={d.channel === 'webhook' ? 'host only' : undefined}
                    >
                      {destinationText(d.channel, d.target)}
                    </td>
                    <td className="num">{a.attempt === 0 ? '—' : `#${a.attempt}`}</td>
                    <td>{a.attempt === 0 ? 'Not tried yet' : answerText(a)}</td>
                    <td>
                      {a.attempt === 0 ? (
                        <span className="delivery-result delivery-pending">Pending</span>
                      ) : a.ok ? (
                        <span className="delivery-result delivery-ok">✓ Delivered</span>
                      ) : (
                        <span className="delivery-result delivery-failed">✗ Failed</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
      <CsvDownload
        filename="delivery-log.csv"
        columns={['at', 'event', 'channel', 'destination', 'attempt', 'ok', 'status_code', 'error']}
        rows={loaded.data.flatMap((d) =>
          d.attempts.map((a) => ({
            at: new Date(a.at).toISOString(),
            event: d.event_id,
            channel: d.channel,
            // As on screen: a webhook's host only, never its path or secret.
            destination: destinationText(d.channel, d.target),
            attempt: a.attempt,
            ok: a.ok,
            status_code: a.status_code,
            error: a.error,
          })),
        )}
      />
      {loaded.data.length > limit && (
        <button type="button" className="show-more" onClick={() => setLimit((n) => n + PAGE)}>
          Show more
        </button>
      )}
    </>
  );
}
