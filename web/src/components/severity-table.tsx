import type { SeverityRow } from '../api/outcomes-api';
import { formatCount, formatValue, intervalBounds, type Formatter } from '../lib/format';
import { FEWER_THAN_5, INSTRUMENT_TEXT, SEVERITY_TEXT, isSuppressed } from '../lib/outcomes';
import { KPI_CSV_COLUMNS, kpiCsvCells } from '../lib/csv-rows';
import { CsvDownload } from './csv-download';

/** Score ranges of each severity band, per instrument (kpi-spec). */
const RANGES: Record<string, Record<string, string>> = {
  phq9: {
    minimal: '0–4',
    mild: '5–9',
    moderate: '10–14',
    moderately_severe: '15–19',
    severe: '20–27',
  },
  gad7: { minimal: '0–4', mild: '5–9', moderate: '10–14', severe: '15–21' },
};

/**
 * Reliable improvement by how severe the baseline score was: clients who start severe have more
 * room to move, so a practice's mix of severity colours its overall figure.
 */
export function SeverityTable({ fmt, rows }: { fmt: Formatter; rows: SeverityRow[] }) {
  if (rows.length === 0) {
    return <p className="muted">No episode with a baseline score in this period.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="severity-table" data-testid="severity-table">
        <thead>
          <tr>
            <th scope="col">Instrument</th>
            <th scope="col">Baseline severity</th>
            <th scope="col" className="num">
              Episodes
            </th>
            <th scope="col" className="num">
              Reliable improvement
            </th>
            <th scope="col" className="num">
              95% interval
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = row.reliable_improvement;
            const suppressed = isSuppressed(r) || row.episodes === null;
            const ci = intervalBounds(r.ci);
            return (
              <tr key={`${row.instrument}-${row.band}`} data-status={r.status} data-band={row.band}>
                <td>{INSTRUMENT_TEXT[row.instrument]}</td>
                <th scope="row">
                  {SEVERITY_TEXT[row.band] ?? row.band}{' '}
                  <span className="muted">({RANGES[row.instrument]?.[row.band] ?? ''})</span>
                </th>
                {suppressed ? (
                  <td colSpan={3} className="group-reason">
                    {FEWER_THAN_5}
                  </td>
                ) : row.episodes === 0 ? (
                  <td colSpan={3} className="group-reason">
                    No episode started in this band
                  </td>
                ) : (
                  <>
                    <td className="num">{formatCount(fmt, row.episodes)}</td>
                    <td className="num">
                      {typeof r.value === 'number' ? formatValue(fmt, r.value, 'percent') : '—'}
                      {r.status === 'insufficient_data' && (
                        <span className="muted"> (small sample)</span>
                      )}
                    </td>
                    <td className="num">
                      {ci
                        ? `${formatValue(fmt, ci[0], 'percent')} – ${formatValue(fmt, ci[1], 'percent')}`
                        : '—'}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <CsvDownload
        filename="outcomes-by-baseline-severity.csv"
        columns={['instrument', 'baseline_severity', 'episodes', ...KPI_CSV_COLUMNS]}
        rows={rows.map((row) => ({
          instrument: row.instrument,
          baseline_severity: row.band,
          episodes: row.episodes,
          ...kpiCsvCells(row.reliable_improvement),
        }))}
      />
    </div>
  );
}
