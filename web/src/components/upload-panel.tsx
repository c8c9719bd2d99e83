import { useRef, useState, type FormEvent } from 'react';
import {
  UPLOAD_FORMATS,
  uploadFiles,
  type UploadFormat,
  type UploadResult,
} from '../api/upload-api';
import { formatCount } from '../lib/format';
import { useAppData } from '../state/app-context';
import { ImportCountCells, ImportCountHeads } from './import-counts';

/** How many issues the page lists; the report holds them all. */
const SHOWN_ISSUES = 20;

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'importing' }
  | { kind: 'done'; result: UploadResult }
  | { kind: 'error'; message: string };

const STATUS_TEXT: Record<UploadResult['status'], string> = {
  ok: 'Every row loaded.',
  partial: 'Loaded, except the rows listed below: fix them and upload the file again.',
  failed: 'Nothing was loaded: the store is as it was. The reasons are listed below.',
};

/** A canonical folder keeps only what the importer reads: its CSV files and practice.json. */
const canonicalFile = (f: File) => /\.csv$/i.test(f.name) || f.name === 'practice.json';

/**
 * Upload in the browser (owners and admins): files through the same import as the CLI, with a
 * progress bar while they are sent and the import's counts and issues when it is done.
 */
export function UploadPanel({ onImported }: { onImported: () => void }) {
  const [format, setFormat] = useState<UploadFormat>('canonical');
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'sending' || phase.kind === 'importing';

  const choose = (list: FileList | null, fromFolder: boolean) => {
    const all = Array.from(list ?? []);
    setFiles(fromFolder ? all.filter(canonicalFile) : all);
    setPhase({ kind: 'idle' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) {
      setPhase({ kind: 'error', message: 'Choose one or more files first.' });
      return;
    }
    setPhase({ kind: 'sending', sent: 0, total: files.reduce((s, f) => s + f.size, 0) });
    try {
      const result = await uploadFiles(
        files,
        format,
        (sent, total) => setPhase({ kind: 'sending', sent, total }),
        () => setPhase({ kind: 'importing' }),
      );
      setPhase({ kind: 'done', result });
      if (result.status !== 'failed') onImported();
    } catch (err) {
      setPhase({ kind: 'error', message: (err as Error).message });
    }
  };

  return (
    <form className="upload-panel" onSubmit={submit} aria-labelledby="upload-title">
      <h2 id="upload-title">Upload files</h2>
      <p className="muted">
        The same import as <code>rapport import</code>: one transaction, rows matched by their ids
        (uploading the same files again changes nothing), and every rejected row listed with its
        file, line, field and reason while the valid ones load.
      </p>
      <label className="field">
        <span>What the files are</span>
        <select
          value={format}
          disabled={busy}
          onChange={(e) => {
            setFormat(e.target.value as UploadFormat);
            setFiles([]);
          }}
        >
          {Object.entries(UPLOAD_FORMATS).map(([k, text]) => (
            <option key={k} value={k}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <div className="upload-pick">
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="upload-files"
          accept={
            format === 'canonical' ? '.csv,.json' : format === 'fhir' ? '.json,.ndjson' : '.csv'
          }
          onChange={(e) => choose(e.target.files, false)}
        />
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          Choose files…
        </button>
        {format === 'canonical' && (
          <>
            <input
              ref={folderInput}
              type="file"
              hidden
              {...{ webkitdirectory: '', directory: '' }}
              onChange={(e) => choose(e.target.files, true)}
            />
            <button type="button" disabled={busy} onClick={() => folderInput.current?.click()}>
              Choose a folder…
            </button>
          </>
        )}
        <span className="muted" data-testid="upload-chosen">
          {files.length === 0
            ? 'No file chosen'
            : `${files.length} file${files.length > 1 ? 's' : ''}: ${files.map((f) => f.name).join(', ')}`}
        </span>
      </div>
      <button type="submit" className="primary" disabled={busy || files.length === 0}>
        Upload and import
      </button>
      {phase.kind === 'sending' && (
        <div className="upload-progress" role="status">
          <progress value={phase.sent} max={phase.total || 1} />{' '}
          {phase.total > 0 ? Math.round((100 * phase.sent) / phase.total) : 0} % sent
        </div>
      )}
      {phase.kind === 'importing' && (
        <div className="upload-progress" role="status">
          <progress /> Importing: checking every row and loading it…
        </div>
      )}
      {phase.kind === 'error' && (
        <p className="form-error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.kind === 'done' && <UploadOutcome result={phase.result} />}
    </form>
  );
}

function UploadOutcome({ result }: { result: UploadResult }) {
  const app = useAppData();
  const n = (v: number) => formatCount(app.fmt, v);
  const shown = result.issues.slice(0, SHOWN_ISSUES);
  return (
    <div className={`upload-result upload-${result.status}`} data-status={result.status}>
      <p role="status">
        <strong>{STATUS_TEXT[result.status]}</strong>{' '}
        {result.status !== 'failed' && (
          <button type="button" className="link-button" onClick={() => window.location.reload()}>
            Reload the dashboard to see the new figures
          </button>
        )}
      </p>
      <div className="table-wrap">
        <table className="upload-files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <ImportCountHeads />
            </tr>
          </thead>
          <tbody>
            {result.files.map((f) => (
              <tr key={`${f.file}:${f.entity}`} data-file={f.file}>
                <th scope="row">{f.file}</th>
                <ImportCountCells fmt={app.fmt} c={f} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {shown.length > 0 && (
        <>
          <h3>
            {result.issues_total > shown.length
              ? `The first ${n(shown.length)} of ${n(result.issues_total)} issues`
              : `${n(result.issues_total)} issue${result.issues_total > 1 ? 's' : ''}`}
          </h3>
          <div className="table-wrap">
            <table className="upload-issues">
              <thead>
                <tr>
                  <th scope="col">Where</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((i, k) => (
                  <tr key={k} data-severity={i.severity}>
                    <td>
                      <code>{i.path}</code>
                    </td>
                    <td>{i.severity}</td>
                    <td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {result.report && (
        <p>
          <a href={result.report} download>
            Download the full report (CSV)
          </a>
        </p>
      )}
    </div>
  );
}
