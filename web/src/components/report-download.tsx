import { useState } from 'react';
import { practiceId } from '../api/api-client';
import { formatMonth } from '../lib/format';
import { useAppData } from '../state/app-context';

/** The months a report can be asked for: the last closed months of the data, newest first. */
function monthsOf(last: string | null, count = 12): string[] {
  if (!last) return [];
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/**
 * The monthly report as a PDF (what `rapport report` writes), for the practice or, with
 * `therapist`, one therapist beside the practice. A plain link: the browser downloads it with
 * the session cookie, and the server writes the download to the audit log.
 */
export function ReportDownload({ therapist }: { therapist?: string }) {
  const app = useAppData();
  const months = monthsOf(app.range.last);
  const [month, setMonth] = useState(months[1] ?? months[0] ?? '');
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4');
  if (months.length === 0) return null;
  const query = new URLSearchParams({ practice: practiceId(), month, paper });
  if (therapist) query.set('therapist', therapist);
  return (
    <div className="report-download">
      <label>
        Month{' '}
        <select value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {formatMonth(app.fmt, m, true)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Paper{' '}
        <select value={paper} onChange={(e) => setPaper(e.target.value as 'a4' | 'letter')}>
          <option value="a4">A4</option>
          <option value="letter">US Letter</option>
        </select>
      </label>{' '}
      <a className="button" href={`/api/v1/reports/monthly?${query}`} download>
        Download the monthly report (PDF)
      </a>
    </div>
  );
}
