import type { KpiMeta, KpiResult } from '../api/api-types';
import { changeTone } from '../lib/bands';
import { formatDelta, type Formatter } from '../lib/format';

/** The move since the previous period: an arrow, the signed difference and whether it helps. */
export function ChangeIndicator({
  fmt,
  meta,
  now,
  before,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  now: KpiResult | undefined;
  before: KpiResult | undefined;
}) {
  if (now?.value == null) return null;
  if (before?.value == null) {
    return <span className="change change-neutral">No earlier figure to compare</span>;
  }
  // A move between small samples (or a cohort still maturing) is noise, not better or worse.
  if (now.status !== 'ok' || before.status !== 'ok') {
    return (
      <span className="change change-neutral" data-change="small-sample">
        Too few to compare with the previous period
      </span>
    );
  }
  const delta = now.value - before.value;
  const tone = changeTone(meta.direction, before.value, now.value, meta.target);
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '▶';
  const toneText = tone === 'good' ? 'better' : tone === 'bad' ? 'worse' : 'about the same';
  return (
    <span
      className={`change change-${tone}`}
      title={`Compared with the previous period: ${toneText}`}
    >
      <span aria-hidden="true">{arrow}</span> {formatDelta(fmt, delta, meta.unit)}{' '}
      <span className="change-words">vs previous ({toneText})</span>
    </span>
  );
}
