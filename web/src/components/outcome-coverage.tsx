import type { KpiMeta, KpiResult } from '../api/api-types';
import type { OutcomesDocument } from '../api/outcomes-api';
import { formatCount, type Formatter } from '../lib/format';
import { FEWER_THAN_5, missingText } from '../lib/outcomes';
import { CsvDownload } from './csv-download';
import { StatTile } from './stat-tile';

/**
 * How many eligible episodes (clients served with two or more completed sessions) have paired
 * scores, and why the others have no outcome. Without coverage, the rates above are a guess
 * about the clients who happened to answer.
 */
export function OutcomeCoverage({
  fmt,
  meta,
  result,
  coverage,
  href,
}: {
  fmt: Formatter;
  meta: KpiMeta | undefined;
  result: KpiResult | undefined;
  coverage: OutcomesDocument['coverage'];
  href: string;
}) {
  const reasons = Object.entries(coverage.without ?? {});
  const hidden = coverage.status === 'suppressed';
  const missing =
    coverage.eligible !== null && coverage.with_outcome !== null
      ? coverage.eligible - coverage.with_outcome
      : null;
  return (
    <div className="coverage" data-testid="coverage">
      <div className="tiles">
        {meta && <StatTile fmt={fmt} meta={meta} result={result} href={href} />}
        <div className="tile">
          <span className="tile-name">Episodes that should have an outcome</span>
          <div className="tile-figure">
            <span className="kpi-value">
              {hidden ? FEWER_THAN_5 : formatCount(fmt, coverage.eligible ?? 0)}
            </span>
          </div>
          <p className="muted tile-note">
            Clients served in the period with at least 2 completed sessions in the episode
          </p>
        </div>
      </div>
      {!hidden && (
        <>
          {missing === 0 || (missing === null && reasons.length === 0) ? (
            <p className="muted">Every eligible episode has paired scores.</p>
          ) : (
            <>
              <h3>Why {missing === null ? 'some' : formatCount(fmt, missing)} have no outcome</h3>
              <table className="reason-table">
                <thead>
                  <tr>
                    <th scope="col">Reason</th>
                    <th scope="col" className="num">
                      Episodes
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map(([key, n]) => (
                    <tr key={key} data-reason={key}>
                      <th scope="row">{missingText(key)}</th>
                      <td className="num">{n === null ? 'fewer than 5' : formatCount(fmt, n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <CsvDownload
                filename="outcome-coverage.csv"
                columns={['reason', 'episodes']}
                rows={[
                  { reason: 'eligible', episodes: coverage.eligible },
                  { reason: 'with_outcome', episodes: coverage.with_outcome },
                  ...reasons.map(([reason, episodes]) => ({ reason, episodes })),
                ]}
              />
            </>
          )}
          <p className="muted small">
            Ask for a PHQ-9 and a GAD-7 at the first session and again at regular intervals (every
            session, or every few), so that each episode has a baseline and a latest score.
          </p>
        </>
      )}
    </div>
  );
}
