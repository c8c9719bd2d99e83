import { useState } from 'react';
import { api, practiceId } from '../api/api-client';
import type { ImportRecord } from '../api/api-types';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorState, LoadingState } from '../components/status-views';
import { ReportDownload } from '../components/report-download';
import { ReportSubscribers } from '../components/report-subscribers';
import { ImportCountCells, ImportCountHeads } from '../components/import-counts';
import { UploadPanel } from '../components/upload-panel';
import { formatDay, formatInstant } from '../lib/format';
import { useAppData } from '../state/app-context';
import { useSession } from '../state/session-context';
import type { PageProps } from './page-props';

const FILES: [string, string, string][] = [
  [
    'therapists.csv',
    'therapist_id',
    'display_name, specialties, languages, modalities, max_sessions_per_day, max_sessions_per_week, active_from, active_to',
  ],
  ['clients.csv', 'client_id, created_at', 'acquisition_channel, discharged_at'],
  ['availability.csv', 'therapist_id, start, end', ''],
  ['slots.csv', 'slot_id, therapist_id, start, end', 'service'],
  [
    'appointments.csv',
    'appointment_id, client_id, therapist_id, scheduled_start, status',
    'service, requested_at, booked_at, scheduled_end or duration_min, cancelled_at, cancelled_by, actual_duration_min, slot_id, price, currency',
  ],
  ['session_ratings.csv', 'appointment_id, rating', 'rated_at'],
  ['surveys.csv', 'response_id, client_id, responded_at, score', 'scale_max, instrument'],
  ['messages.csv', 'message_id, conversation_id, sender, sent_at', 'client_id, therapist_id'],
  ['payments.csv', 'payment_id, client_id, amount, paid_at', 'currency, appointment_id'],
  ['activity.csv', 'user_id, user_type, occurred_at', 'kind'],
];

const COUNT_WORDS: [string, string][] = [
  ['inserted', 'new'],
  ['updated', 'updated'],
  ['rejected', 'rejected'],
  ['warnings', 'warnings'],
];

/** Per-file counts, whether the server sends a list of files or an object per entity. */
function countsText(counts: unknown, locale: string): string {
  if (!counts || typeof counts !== 'object') return '';
  const entries: [string, unknown][] = Array.isArray(counts)
    ? counts.map((c: Record<string, unknown>) => [String(c.file ?? c.entity ?? ''), c])
    : Object.entries(counts as Record<string, unknown>);
  const number = new Intl.NumberFormat(locale);
  return entries
    .map(([name, v]) => {
      if (typeof v === 'number') return `${name} ${number.format(v)}`;
      if (!v || typeof v !== 'object') return '';
      const c = v as Record<string, unknown>;
      const parts = COUNT_WORDS.filter(
        ([k]) => typeof c[k] === 'number' && (c[k] as number) > 0,
      ).map(([k, word]) => `${number.format(c[k] as number)} ${word}`);
      const base = name.split(/[\\/]/).pop() ?? name;
      return parts.length ? `${base}: ${parts.join(', ')}` : '';
    })
    .filter(Boolean)
    .join(' · ');
}

/** What has been loaded, what was turned away, and how to load more. */
export function DataPage(_: PageProps) {
  const app = useAppData();
  const { role } = useSession();
  const canLoad = role === 'owner' || role === 'admin';
  // Bumped after an upload so the import list below shows it.
  const [uploads, setUploads] = useState(0);
  const loaded = useApi(`imports:${uploads}`, api.imports);
  return (
    <>
      <div className="page-head">
        <h1>Data</h1>
        <p className="lede">
          {app.range.first && app.range.last
            ? `Appointments on record run from ${formatDay(app.fmt, app.range.first)} to ${formatDay(app.fmt, app.range.last)}.`
            : 'No appointments are on record yet.'}{' '}
          Below are the latest imports, and how to load your own records.
        </p>
      </div>
      <section className="panel" aria-labelledby="report-title">
        <h2 id="report-title">Monthly report</h2>
        <p className="muted">
          Every figure of a month with its band, n and the change against the month before and a
          year before, the outcome figures, the targets with their check-ins, trend charts and the
          definitions, as a PDF to send to partners or a board (also{' '}
          <code>rapport report --month YYYY-MM --out report.pdf</code>).
        </p>
        <ReportDownload />
        {canLoad && <ReportSubscribers />}
      </section>
      {canLoad && (
        <section className="panel">
          <UploadPanel onImported={() => setUploads((v) => v + 1)} />
        </section>
      )}
      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">Latest imports</h2>
        {loaded.state === 'loading' && <LoadingState what="the import history" />}
        {loaded.state === 'error' && <ErrorState error={loaded.error} />}
        {loaded.state === 'ready' &&
          (loaded.data.length === 0 ? (
            <EmptyState title="Nothing imported yet">
              <p>
                Run <code>npx rapport import &lt;folder&gt;</code> with your own files, or{' '}
                <code>npx rapport demo</code> for a made-up practice to explore.
              </p>
            </EmptyState>
          ) : (
            <ImportTable imports={loaded.data} />
          ))}
      </section>
      <section className="panel" aria-labelledby="howto-title">
        <h2 id="howto-title">Load your own data</h2>
        <ol className="steps-list">
          <li>
            Set your time zone, currency and practice type once:
            <pre>
              <code>
                npx rapport practice set --tz Europe/Berlin --currency EUR --profile neurofeedback
              </code>
            </pre>
          </li>
          <li>
            Export your records as one CSV file per kind of record (listed below) into a folder, and
            upload it above (owners and admins) or import it from a terminal:
            <pre>
              <code>npx rapport import path/to/folder</code>
            </pre>
          </li>
          <li>
            Reload this dashboard. Importing the same files again is safe: records are matched by
            their ids and updated, never doubled.
          </li>
        </ol>
        <p>
          A row that breaks a rule is set aside and listed with its file, line, column and reason in
          a report beside the database; every other row still loads. Client names are never needed:
          use pseudonymous ids. To try Rapport without your own data, run{' '}
          <code>npx rapport demo</code>.
        </p>
        <h3>The files Rapport reads</h3>
        <p className="muted">
          UTF-8 CSV with a header row. Times are ISO 8601 (<code>2026-03-01T14:00:00Z</code>);
          without an offset they are read in the practice's time zone. Lists use <code>;</code>.
        </p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Required columns</th>
                <th scope="col">Optional columns</th>
              </tr>
            </thead>
            <tbody>
              {FILES.map(([file, required, optional]) => (
                <tr key={file}>
                  <th scope="row">
                    <code>{file}</code>
                  </th>
                  <td>{required}</td>
                  <td>{optional || 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );

  function ImportTable({ imports }: { imports: ImportRecord[] }) {
    const fmt = app.fmt;
    return (
      <div className="table-wrap">
        <table className="imports">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <ImportCountHeads />
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => {
              const counts = countsText(i.counts, fmt.locale);
              return (
                <tr key={i.import_id}>
                  <td>{formatInstant(fmt, i.started_at)}</td>
                  <td>
                    <span className="source">{i.source}</span>
                    <span className="muted"> ({i.format})</span>
                    {counts && <div className="muted small">{counts}</div>}
                    {i.rejected + i.warnings > 0 && i.report_path && (
                      <div className="small">
                        Every rejected row and warning, with its reason, is listed in{' '}
                        <a
                          href={`/api/v1/imports/${encodeURIComponent(i.import_id)}/report?practice=${encodeURIComponent(practiceId())}`}
                          download
                        >
                          {i.report_path}
                        </a>
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`status status-${i.status}`}>{i.status}</span>
                  </td>
                  <ImportCountCells fmt={fmt} c={i} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }
}
