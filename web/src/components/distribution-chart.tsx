import { useMemo } from 'react';
import type { KpiMeta } from '../api/api-types';
import { formatValue, type Formatter } from '../lib/format';
import { CsvDownload } from './csv-download';
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

/** One bar of a `BinChart`: its label on the axis, what it counts, an optional colour. */
export interface ChartBin {
  label: string;
  count: number;
  color?: string;
}

/**
 * Counts per range as bars, with an optional dashed marker at one bar (the practice's figure,
 * no change). What is counted is named (`unit`: therapists, episodes); nothing is ranked.
 */
export function BinChart({
  bins,
  axisName,
  unit,
  marker,
  label,
  csvName,
  height = 260,
}: {
  bins: ChartBin[];
  /** The file name of the chart's counts as CSV. */
  csvName: string;
  axisName: string;
  /** What a bar counts, singular and plural: ['therapist', 'therapists']. */
  unit: [string, string];
  marker?: { index: number; label: string };
  label: string;
  height?: number;
}) {
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 28, bottom: 56 },
      tooltip: {
        trigger: 'axis',
        formatter: (p: { dataIndex: number }[]) => {
          const bin = bins[p[0]?.dataIndex ?? 0]!;
          return `${bin.label}<br/>${bin.count} ${bin.count === 1 ? unit[0] : unit[1]}`;
        },
      },
      xAxis: {
        type: 'category',
        data: bins.map((b) => b.label),
        axisLabel: {
          interval: bins.length > 16 ? 'auto' : 0,
          rotate: bins.length > 4 && bins.length <= 16 ? 25 : 0,
          fontSize: 11,
        },
        name: axisName,
        nameLocation: 'middle',
        nameGap: 44,
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: unit[1].charAt(0).toUpperCase() + unit[1].slice(1),
        nameTextStyle: { align: 'left' },
      },
      series: [
        {
          type: 'bar',
          data: bins.map((b) => ({
            value: b.count,
            itemStyle: { color: b.color ?? '#6366f1', borderRadius: [4, 4, 0, 0] },
          })),
          barCategoryGap: '12%',
          markLine:
            marker && marker.index >= 0
              ? {
                  symbol: 'none',
                  lineStyle: { color: '#0f172a', type: 'dashed' },
                  label: { formatter: marker.label, color: '#0f172a' },
                  data: [{ xAxis: marker.index }],
                }
              : undefined,
        },
      ],
    }),
    [bins, axisName, unit, marker],
  );
  return (
    <>
      <EChart option={option} height={height} label={label} />
      <CsvDownload
        filename={csvName}
        columns={['range', unit[1]]}
        rows={bins.map((b) => ({ range: b.label, [unit[1]]: b.count }))}
        label="Download the chart's counts (CSV)"
      />
    </>
  );
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
  const { bins, marker } = useMemo(() => {
    const raw = histogram(values, Math.min(8, Math.max(3, Math.ceil(Math.sqrt(values.length)))));
    const show = (v: number) => formatValue(fmt, v, meta.unit);
    const index =
      practiceValue === null
        ? -1
        : raw.findIndex((b, i) => practiceValue < b.to || i === raw.length - 1);
    return {
      bins: raw.map((b) => ({ label: `${show(b.from)} – ${show(b.to)}`, count: b.count })),
      marker:
        index >= 0 && practiceValue !== null
          ? { index, label: `Practice: ${show(practiceValue)}` }
          : undefined,
    };
  }, [fmt, meta, values, practiceValue]);
  return (
    <BinChart
      bins={bins}
      axisName={meta.name}
      unit={THERAPISTS}
      marker={marker}
      label={`How ${values.length} therapists' figures for ${meta.name} are spread`}
      csvName={`${meta.id}-therapist-spread.csv`}
    />
  );
}

const THERAPISTS: [string, string] = ['therapist', 'therapists'];
