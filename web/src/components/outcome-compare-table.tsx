import type { KpiMeta, KpiResult } from '../api/api-types';
import { formatCount, formatValue, intervalBounds, type Formatter } from '../lib/format';
import { isSuppressed, resultOf } from '../lib/outcomes';
import { BandBadge } from './band-badge';
import { KPI_CSV_COLUMNS, kpiCsvCells } from '../lib/csv-rows';
import { CsvDownload } from './csv-download';
import { missingReason, valueText } from './kpi-value';

/**
 * One therapist's outcome figures beside the practice's, row by outcome KPI. A group of fewer
 * than 5 episodes reads "Fewer than 5 episodes" with no count; nobody else's figures appear.
 */
export function OutcomeCompareTable({
  fmt,
  metas,
  mine,
  practice,
  name,
  link,
}: {
  fmt: Formatter;
  metas: KpiMeta[];
  mine: Partial<Record<string, KpiResult>> | undefined;
  practice: Partial<Record<string, KpiResult>> | undefined;
  name: string;
  link: (path: string) => string;
}) {
  return (
    <div className="table-wrap">
      <table className="compare-table outcome-compare" data-testid="outcome-compare">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              {name}
            </th>
            <th scope="col">Band</th>
            <th scope="col" className="num">
              Episodes (n)
            </th>
            <th scope="col" className="num">
              95% interval
            </th>
            <th scope="col" className="num">
              Practice
            </th>
          </tr>
        </thead>
        <tbody>
          {metas.map((m) => {
            const r = resultOf(mine, m.id);
            const p = resultOf(practice, m.id);
            const ci = intervalBounds(r?.ci);
            const measured = typeof r?.value === 'number';
            return (
              <tr key={m.id} data-kpi={m.id} data-status={r?.status ?? 'missing'}>
                <th scope="row">
                  <a href={link(`/kpi/${m.id}`)}>{m.name}</a>
                </th>
                <td className="num">{valueText(fmt, m, r)}</td>
                <td>
                  {r && <BandBadge result={r} />}
                  {!measured && !isSuppressed(r) && (
                    <span className="muted">{missingReason(r)}</span>
                  )}
                </td>
                <td className="num">
                  {isSuppressed(r) ? 'fewer than 5' : measured ? formatCount(fmt, r?.n) : '—'}
                </td>
                <td className="num">
                  {ci && measured
                    ? `${formatValue(fmt, ci[0], m.unit)} – ${formatValue(fmt, ci[1], m.unit)}`
                    : '—'}
                </td>
                <td className="num">{valueText(fmt, m, p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <CsvDownload
        filename="outcomes-compared.csv"
        columns={['kpi', 'who', ...KPI_CSV_COLUMNS]}
        rows={metas.flatMap((m) => [
          { kpi: m.id, who: name, ...kpiCsvCells(resultOf(mine, m.id)) },
          { kpi: m.id, who: 'practice', ...kpiCsvCells(resultOf(practice, m.id)) },
        ])}
      />
    </div>
  );
}
