import { useMemo } from 'react';
import type { KpiMeta } from '../api/api-types';
import { formatValue, type Formatter } from '../lib/format';
import { EChart } from './echart';

/** Equal-width bins over the values; each bin says how many therapists fall in it. */
export function histogram(values: number[], binCount: number) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = hi > lo ? (hi - lo) / binCount : 1;
  const bins = Array.from({ length: hi > lo ? binCount : 1 }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width,
    count: 0,
  }));
  for (const v of values) {
    const i = Math.min(bins.length - 1, Math.floor((v - lo) / width));
    bins[i]!.count++;
  }
  return bins;
}

/**
 * How therapists' figures spread: a histogram of counts per range, with the practice's own
 * figure as a line. No names, no order by person: only how many sit where.
 */
export function DistributionChart({
  fmt,
  meta,
  values,
  practiceValue,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  values: number[];
  practiceValue: number | null;
}) {
  const option = useMemo(() => {
    const bins = histogram(values, Math.min(8, Math.max(3, Math.ceil(Math.sqrt(values.length)))));
    const show = (v: number) => formatValue(fmt, v, meta.unit);
    const labels = bins.map((b) => `${show(b.from)} – ${show(b.to)}`);
    const practiceBin =
      practiceValue === null
        ? -1
        : bins.findIndex((b, i) => practiceValue < b.to || i === bins.length - 1);
    return {
      grid: { left: 48, right: 16, top: 28, bottom: 56 },
      tooltip: {
        trigger: 'axis',
        formatter: (p: { dataIndex: number }[]) => {
          const bin = bins[p[0]?.dataIndex ?? 0]!;
          return `${labels[p[0]?.dataIndex ?? 0]}<br/>${bin.count} therapist${bin.count === 1 ? '' : 's'}`;
        },
      },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: bins.length > 4 ? 25 : 0, fontSize: 11 },
        name: meta.name,
        nameLocation: 'middle',
        nameGap: 44,
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: 'Therapists',
        nameTextStyle: { align: 'left' },
      },
      series: [
        {
          type: 'bar',
          data: bins.map((b) => b.count),
          itemStyle: { color: '#6366f1', borderRadius: [4, 4, 0, 0] },
          barCategoryGap: '12%',
          markLine:
            practiceBin >= 0
              ? {
                  symbol: 'none',
                  lineStyle: { color: '#0f172a', type: 'dashed' },
                  label: { formatter: `Practice: ${show(practiceValue!)}`, color: '#0f172a' },
                  data: [{ xAxis: practiceBin }],
                }
              : undefined,
        },
      ],
    };
  }, [fmt, meta, values, practiceValue]);
  return (
    <EChart
      option={option}
      height={260}
      label={`How ${values.length} therapists' figures for ${meta.name} are spread`}
    />
  );
}
