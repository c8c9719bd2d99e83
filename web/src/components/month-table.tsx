import type { KpiMeta, KpiResult } from '../api/api-types';
import { BAND_TEXT } from '../lib/bands';
import { formatCount, formatMonth, formatPart, type Formatter } from '../lib/format';
import { FEWER_THAN_5, isSuppressed } from '../lib/outcomes';
import { CsvDownload } from './csv-download';
import { valueText } from './kpi-value';

/** The band column in words: the server's band, or why there is none. */
export function statusText(r: KpiResult | undefined): string {
  if (r?.status === 'no_source') return 'No data loaded';
  if (isSuppressed(r)) return FEWER_THAN_5;
  if (!r || r.value === null) return r?.reason ?? 'No data';
  if (r.status === 'insufficient_data') return 'Small sample';
  if (r.band) return BAND_TEXT[r.band];
  return r.bandNote ? `No band: ${r.bandNote}` : 'No benchmark';
}

/** A first letter in capitals: "clients retained" → "Clients retained". */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The figures behind the trend chart: what each half counts, sample and value for each month. */
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
              {capitalised(meta.help.counts.numerator)}
            </th>
            <th scope="col" className="num">
              {capitalised(meta.help.counts.denominator)}
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
                <td className="num">
                  {r?.status === 'no_source' || isSuppressed(r) ? '—' : formatCount(fmt, r?.n)}
                </td>
                <td className="num">{valueText(fmt, meta, r)}</td>
                <td>{statusText(r)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <CsvDownload
        filename={`${meta.id}-by-month-${months[0] ?? ''}-${months[months.length - 1] ?? ''}.csv`}
        columns={['month', 'numerator', 'denominator', 'n', 'value', 'band', 'status']}
        rows={months.map((m, i) => {
          const r = results[i];
          return {
            month: m,
            numerator: r?.numerator,
            denominator: r?.denominator,
            n: r?.n,
            value: r?.value,
            band: r?.band,
            status: !r || r.value === null ? (r?.reason ?? r?.status ?? 'no_data') : r.status,
          };
        })}
      />
    </div>
  );
}
