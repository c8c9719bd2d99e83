import { useMemo } from 'react';
import type { KpiMeta } from '../api/api-types';
import type { Checkin, TargetKind } from '../api/targets-api';
import { formatValue, type Formatter } from '../lib/format';
import { EChart } from './echart';

/** A target's check-ins: value with its interval, the expected line and the bound(s). */
export function TargetChart({
  fmt,
  meta,
  kind,
  checkins,
}: {
  fmt: Formatter;
  meta: KpiMeta | undefined;
  kind: TargetKind;
  checkins: Checkin[];
}) {
  const option = useMemo(() => {
    const unit = meta?.unit ?? 'score';
    const show = (v: number) => formatValue(fmt, v, unit);
    const bounds =
      kind.type === 'above' || kind.type === 'below'
        ? [kind.x]
        : kind.type === 'within'
          ? [kind.lo, kind.hi]
          : [];
    return {
      grid: { left: 64, right: 88, top: 36, bottom: 36 },
      legend: {
        top: 0,
        left: 'center',
        data: ['Value', 'Interval', ...(kind.type === 'from_to' ? ['Expected'] : [])],
      },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? show(v) : 'no data'),
      },
      xAxis: { type: 'category', data: checkins.map((c) => c.period) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => show(v) } },
      series: [
        {
          name: 'interval low',
          type: 'line',
          stack: 'ci',
          data: checkins.map((c) => c.ci?.[0] ?? null),
          lineStyle: { opacity: 0 },
          symbol: 'none',
          tooltip: { show: false },
        },
        {
          name: 'Interval',
          type: 'line',
          stack: 'ci',
          data: checkins.map((c) => (c.ci ? c.ci[1] - c.ci[0] : null)),
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(37, 99, 235, 0.15)' },
          itemStyle: { color: 'rgba(37, 99, 235, 0.3)' },
          symbol: 'none',
          tooltip: { show: false },
        },
        {
          name: 'Value',
          type: 'line',
          data: checkins.map((c) => c.value),
          connectNulls: false,
          lineStyle: { width: 2.5, color: '#1d4ed8' },
          itemStyle: { color: '#1d4ed8' },
          markLine: bounds.length
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#b45309', type: 'solid' },
                label: { formatter: (p: { value: number }) => `bound ${show(p.value)}` },
                data: bounds.map((b) => ({ yAxis: b })),
              }
            : undefined,
        },
        ...(kind.type === 'from_to'
          ? [
              {
                name: 'Expected',
                type: 'line',
                data: checkins.map((c) => c.expected),
                lineStyle: { type: 'dashed', color: '#475569' },
                itemStyle: { color: '#475569' },
                symbol: 'none',
              },
            ]
          : []),
      ],
    };
  }, [fmt, meta, kind, checkins]);
  return <EChart option={option} height={260} label="Check-ins against the target" />;
}
