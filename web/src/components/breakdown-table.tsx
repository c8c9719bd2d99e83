import type { KpiDocument, KpiMeta } from '../api/api-types';
import { formatCount, type Formatter } from '../lib/format';
import { valueText } from './kpi-value';
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
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">
                {g.key === '(none)' || g.key === 'null' || !g.key ? 'Not recorded' : g.key}
              </th>
              <td className="num">{valueText(fmt, meta, g.kpis[meta.id])}</td>
              <td className="num">{formatCount(fmt, g.kpis[meta.id]?.n)}</td>
              <td>{statusText(g.kpis[meta.id])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
