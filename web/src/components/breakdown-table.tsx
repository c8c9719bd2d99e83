import type { KpiDocument, KpiMeta } from '../api/api-types';
import { formatCount, type Formatter } from '../lib/format';
import { CsvDownload } from './csv-download';
import { missingReason, valueText } from './kpi-value';
import { statusText } from './month-table';

/** A KPI split by service or channel, in alphabetical order of the group. */
export function BreakdownTable({
  fmt,
  meta,
  doc,
  groupLabel,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  doc: KpiDocument;
  groupLabel: string;
}) {
  const groupName = (key: string) =>
    key === '(none)' || key === 'null' || !key ? 'Not recorded' : key;
  const groups = [...(doc.groups ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  if (groups.length === 0) {
    return <p className="muted">No {groupLabel.toLowerCase()} is recorded for this period.</p>;
  }
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col">Band</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const r = g.kpis[meta.id];
            const measured = typeof r?.value === 'number';
            return (
              <tr key={g.key} data-status={r?.status ?? 'missing'}>
                <th scope="row">{groupName(g.key)}</th>
                {measured ? (
                  <>
                    <td className="num">{valueText(fmt, meta, r)}</td>
                    <td className="num">{formatCount(fmt, r?.n)}</td>
                    <td>{statusText(r)}</td>
                  </>
                ) : (
                  // no figure: the reason ("not defined per service") in place of a dash or 0
                  <td colSpan={3} className="group-reason">
                    {r?.status === 'no_source' ? 'No data loaded: ' : ''}
                    {missingReason(r)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <CsvDownload
        filename={`${meta.id}-by-${groupLabel.toLowerCase()}-${doc.period.from}-${doc.period.to}.csv`}
        columns={[
          groupLabel.toLowerCase(),
          'value',
          'numerator',
          'denominator',
          'n',
          'band',
          'status',
        ]}
        rows={groups.map((g) => {
          const r = g.kpis[meta.id];
          return {
            [groupLabel.toLowerCase()]: groupName(g.key),
            value: r?.value,
            numerator: r?.numerator,
            denominator: r?.denominator,
            n: r?.n,
            band: r?.band,
            status: r?.value === null || !r ? (r?.reason ?? r?.status) : r.status,
          };
        })}
      />
    </div>
  );
}
