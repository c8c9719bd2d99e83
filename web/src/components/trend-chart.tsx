import { useMemo } from 'react';
import type { KpiMeta, KpiResult, Profile } from '../api/api-types';
import { BAND_TEXT, BAND_ZONE, bandEdges, bandZones, bandsHoldFor } from '../lib/bands';
import { formatMonth, formatValue, type Formatter } from '../lib/format';
import { trendValue } from '../lib/groups';
import { EChart } from './echart';

export interface TrendSeries {
  name: string;
  results: (KpiResult | undefined)[];
  color: string;
  dashed?: boolean;
}

/**
 * A KPI month by month, drawn over the profile's benchmark zones when that benchmark holds for a
 * month (a quarterly one is not drawn). Months with a small sample are drawn as hollow points
 * and named so in the tooltip.
 */
export function TrendChart({
  fmt,
  meta,
  profile,
  months,
  series,
  height = 300,
  zones: wantZones = true,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  profile: Profile;
  months: string[];
  series: TrendSeries[];
  height?: number;
  zones?: boolean;
}) {
  const drawZones = wantZones && bandsHoldFor(meta, profile, 'month');
  const option = useMemo(() => {
    const values = series.flatMap((s) =>
      s.results.flatMap((r) => (typeof r?.value === 'number' ? [r.value] : [])),
    );
    const edges = drawZones ? bandEdges(meta, profile) : [];
    const all = [...values, ...edges];
    let lo = all.length ? Math.min(...all) : 0;
    let hi = all.length ? Math.max(...all) : 1;
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
    lo = lo - pad;
    hi = hi + pad;
    if (meta.unit === 'percent') {
      lo = Math.max(0, lo);
      hi = Math.min(100, hi);
    }
    if (lo > 0 && lo < (hi - lo) * 0.5) lo = 0;
    const zones = drawZones ? bandZones(meta, profile, lo, hi) : [];
    const show = (v: number) => formatValue(fmt, v, meta.unit);
    return {
      grid: { left: 64, right: 24, top: 36, bottom: 36 },
      legend: series.length > 1 ? { top: 0, left: 'center' } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? show(v) : 'no data'),
      },
      xAxis: {
        type: 'category',
        data: months.map((m) => formatMonth(fmt, m, months.length > 12)),
        boundaryGap: false,
      },
      yAxis: {
        type: 'value',
        min: Number(lo.toFixed(2)),
        max: Number(hi.toFixed(2)),
        // The padded ends are not round numbers: their labels would crowd the nearest tick's.
        axisLabel: {
          formatter: (v: number) => show(v),
          showMinLabel: false,
          showMaxLabel: false,
        },
      },
      series: series.map((s, i) => ({
        name: s.name,
        type: 'line',
        data: s.results.map((r) =>
          r && trendValue(r) !== null
            ? {
                value: r.value,
                symbol: r.status === 'insufficient_data' ? 'emptyCircle' : 'circle',
                symbolSize: r.status === 'insufficient_data' ? 9 : 7,
              }
            : null,
        ),
        connectNulls: false,
        lineStyle: { width: 2.5, color: s.color, type: s.dashed ? 'dashed' : 'solid' },
        itemStyle: { color: s.color },
        markArea:
          i === 0 && zones.length
            ? {
                silent: true,
                label: { position: 'insideRight', color: '#475569', fontSize: 11 },
                data: zones.map((z) => [
                  {
                    yAxis: z.from,
                    name: BAND_TEXT[z.label],
                    itemStyle: { color: BAND_ZONE[z.label] },
                  },
                  { yAxis: z.to },
                ]),
              }
            : undefined,
      })),
    };
  }, [fmt, meta, profile, months, series, drawZones]);
  return (
    <EChart
      option={option}
      height={height}
      label={`${series.map((s) => s.name).join(', ')} by month`}
    />
  );
}
