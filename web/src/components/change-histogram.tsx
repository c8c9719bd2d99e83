import { useMemo } from 'react';
import type { ChangeHistogram as Histogram, Instrument } from '../api/outcomes-api';
import { formatCount, type Formatter } from '../lib/format';
import { FEWER_THAN_5, INSTRUMENT_TEXT, RELIABLE_CHANGE } from '../lib/outcomes';
import { BinChart } from './distribution-chart';

const IMPROVED = '#15803d';
const WORSE = '#c2410c';
const SAME = '#94a3b8';
const EPISODES: [string, string] = ['episode', 'episodes'];

/** "−6", "0", "+4": a change of score with its sign. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/**
 * How far each episode's latest score moved from its baseline on one instrument: one bar per
 * point of change, green where the fall is reliable, orange where the rise is, grey between.
 * The counts in words under the chart say the same for readers who do not see it.
 */
export function ChangeHistogram({
  fmt,
  instrument,
  data,
}: {
  fmt: Formatter;
  instrument: Instrument;
  data: Histogram | null;
}) {
  const reliable = RELIABLE_CHANGE[instrument];
  const shaped = useMemo(() => {
    if (!data || data.bins.length === 0) return null;
    const counts = new Map(data.bins.map((b) => [b.change, b.episodes]));
    const lo = Math.min(0, ...data.bins.map((b) => b.change));
    const hi = Math.max(0, ...data.bins.map((b) => b.change));
    const bins = [];
    let better = 0;
    let worse = 0;
    let total = 0;
    for (let c = lo; c <= hi; c++) {
      const count = counts.get(c) ?? 0;
      total += count;
      if (c <= -reliable) better += count;
      if (c >= reliable) worse += count;
      bins.push({
        label: signed(c),
        count,
        color: c <= -reliable ? IMPROVED : c >= reliable ? WORSE : SAME,
      });
    }
    return { bins, better, worse, total, zero: -lo };
  }, [data, reliable]);
  const title = INSTRUMENT_TEXT[instrument];
  return (
    <figure className="change-histogram" data-instrument={instrument}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {data === null ? (
        <p className="muted" data-testid={`change-${instrument}-none`}>
          {FEWER_THAN_5} with a {instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'} outcome, or none: the
          change is not drawn.
        </p>
      ) : !shaped ? (
        <p className="muted">No episode has two scores of this instrument in the period.</p>
      ) : (
        <>
          <BinChart
            bins={shaped.bins}
            axisName="Points from baseline to latest score"
            unit={EPISODES}
            marker={{ index: shaped.zero, label: 'No change' }}
            label={`Change from baseline on ${title} for ${shaped.total} episodes`}
            csvName={`${instrument}-change-from-baseline.csv`}
            height={240}
          />
          <p className="muted small">
            {formatCount(fmt, data.episodes)} episodes; median change{' '}
            {data.median === null ? '—' : `${signed(data.median)} points`}.{' '}
            {formatCount(fmt, shaped.better)} fell by {reliable} points or more (reliable
            improvement), {formatCount(fmt, shaped.worse)} rose by {reliable} or more (reliable
            deterioration), {formatCount(fmt, shaped.total - shaped.better - shaped.worse)} moved
            less than that.
          </p>
        </>
      )}
    </figure>
  );
}
