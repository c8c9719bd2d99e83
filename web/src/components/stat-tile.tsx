import type { KpiMeta, KpiResult } from '../api/api-types';
import { formatCount, type Formatter } from '../lib/format';
import { BandBadge } from './band-badge';
import { MaturingNote, missingReason, valueText } from './kpi-value';

/** A compact KPI figure with its band, sample and a link to its detail page. */
export function StatTile({
  fmt,
  meta,
  result,
  href,
  caption,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  result: KpiResult | undefined;
  href: string;
  caption?: string;
}) {
  return (
    <div className="tile" data-kpi={meta.id} data-status={result?.status ?? 'missing'}>
      <a className="tile-name" href={href}>
        {meta.name}
      </a>
      <div className="tile-figure">
        <span className="kpi-value" data-value={result?.value ?? ''}>
          {valueText(fmt, meta, result)}
        </span>
        {result && <BandBadge result={result} />}
      </div>
      <p className="muted tile-note">
        {result?.value == null
          ? missingReason(result)
          : (caption ?? `n = ${formatCount(fmt, result.n)}`)}
      </p>
      <MaturingNote fmt={fmt} result={result} />
    </div>
  );
}
