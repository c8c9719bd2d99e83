import type { KpiMeta, KpiResult } from '../api/api-types';
import { BAND_TEXT } from '../lib/bands';
import { formatCount, formatMonth, formatPart, type Formatter } from '../lib/format';
import { valueText } from './kpi-value';

export function statusText(r: KpiResult | undefined): string {
  if (!r || r.value === null) return r?.reason ?? 'No data';
  if (r.status === 'insufficient_data') return 'Small sample';
  return r.band ? BAND_TEXT[r.band] : 'No benchmark';
}

/** The figures behind the trend chart: parts, sample and value for each month. */
export function MonthTable({
  fmt,
  meta,
  months,
  results,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  months: string[];
  results: (KpiResult | undefined)[];
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{meta.name} month by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">
              Numerator
            </th>
            <th scope="col" className="num">
              Denominator
            </th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">Band</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m, i) => {
            const r = results[i];
            return (
              <tr key={m}>
                <th scope="row">{formatMonth(fmt, m)}</th>
                <td className="num">{formatPart(fmt, r?.numerator)}</td>
                <td className="num">{formatPart(fmt, r?.denominator)}</td>
                <td className="num">{formatCount(fmt, r?.n)}</td>
                <td className="num">{valueText(fmt, meta, r)}</td>
                <td>{statusText(r)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
