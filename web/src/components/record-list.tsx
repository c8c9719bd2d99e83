import { useState } from 'react';
import type { KpiMeta } from '../api/api-types';
import { recordsApi, type RecordSide } from '../api/records-api';
import { useApi } from '../api/use-api';
import { drillability } from '../../../src/metrics/drilldown/drill-plan';
import { formatCount, type Formatter } from '../lib/format';
import { capitalised } from './month-table';
import { ErrorState, LoadingState } from './status-views';

const PAGE = 25;

/** Whether the records behind some side of this KPI can be listed at all. */
export const hasRecords = (id: string) => {
  const d = drillability(id);
  return d.numerator === null || d.denominator === null;
};

/**
 * The records behind the figure (owners and admins): a tab per side of the formula, a paged
 * table of the appointments, clients, payments … it counts, and the side as a CSV download.
 */
export function RecordList({
  fmt,
  meta,
  from,
  to,
  service,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  from: string;
  to: string;
  service?: string;
}) {
  const reasons = drillability(meta.id);
  const sides = (['numerator', 'denominator'] as const).filter((s) => reasons[s] === null);
  const [side, setSide] = useState<RecordSide>(sides[0] ?? 'numerator');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const q = { from, to, side, service };
  const key = JSON.stringify([meta.id, q, cursor]);
  const page = useApi(key, () => recordsApi.page(meta.id, { ...q, cursor, limit: PAGE }));
  const choose = (s: RecordSide) => {
    setSide(s);
    setCursors([]);
  };
  const missing = (['numerator', 'denominator'] as const).find((s) => reasons[s] !== null);
  return (
    <div className="record-list">
      <div className="panel-head">
        <div className="segmented" role="tablist" aria-label="Which records">
          {sides.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={side === s}
              aria-pressed={side === s}
              onClick={() => choose(s)}
            >
              {capitalised(meta.help.counts[s])}
            </button>
          ))}
        </div>
        <a className="download-link" href={recordsApi.csvUrl(meta.id, q)} download>
          Download these records (CSV)
        </a>
      </div>
      {missing && (
        <p className="muted">
          The {missing} ({meta.help.counts[missing]}) has no records to list: {reasons[missing]}.
        </p>
      )}
      {page.state === 'loading' && <LoadingState what="the records" />}
      {page.state === 'error' && <ErrorState error={page.error} />}
      {page.state === 'ready' && (
        <>
          <p className="records-count" data-testid="records-total" data-total={page.data.total}>
            {formatCount(fmt, page.data.total)} {page.data.records_of} · records{' '}
            {formatCount(
              fmt,
              cursor === undefined ? (page.data.total ? 1 : 0) : Number(cursor) + 1,
            )}
            –
            {formatCount(
              fmt,
              (cursor === undefined ? 0 : Number(cursor)) + page.data.records.length,
            )}
          </p>
          <div className="table-wrap">
            <table className="records-table">
              <thead>
                <tr>
                  {page.data.columns.map((c) => (
                    <th key={c} scope="col">
                      {c.replace(/_/g, ' ')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.data.records.map((r, i) => (
                  <tr key={i}>
                    {page.data.columns.map((c) => (
                      <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                        {r[c] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={page.data.next_cursor === null}
              onClick={() =>
                page.data.next_cursor && setCursors([...cursors, page.data.next_cursor])
              }
            >
              Next page
            </button>
          </div>
        </>
      )}
    </div>
  );
}
