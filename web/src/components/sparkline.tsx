import { useMemo } from 'react';
import { EChart } from './echart';

/** A tiny trend line of the last months; months without a figure leave a gap. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const option = useMemo(
    () => ({
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, scale: true },
      tooltip: { show: false },
      series: [
        {
          type: 'line',
          data: values,
          symbol: 'circle',
          symbolSize: (_: unknown, p: { dataIndex: number }) =>
            p.dataIndex === values.length - 1 ? 5 : 0,
          lineStyle: { width: 1.5, color: '#4f46e5' },
          itemStyle: { color: '#4f46e5' },
          areaStyle: { color: 'rgba(79, 70, 229, 0.08)' },
          connectNulls: false,
        },
      ],
    }),
    [values],
  );
  return <EChart option={option} height={40} label={label} className="sparkline" />;
}
