import { useMemo } from 'react';
import type { KpiMeta, Profile } from '../api/api-types';
import { trendOption, type TrendLine } from '../../../src/charts/trend-option';
import { formatMonth, formatValue, type Formatter } from '../lib/format';
import { KPI_CSV_COLUMNS, kpiCsvCells } from '../lib/csv-rows';
import { CsvDownload } from './csv-download';
import { EChart } from './echart';

export type TrendSeries = TrendLine;

/**
 * A KPI month by month, drawn over the profile's benchmark zones when that benchmark holds for a
 * month (a quarterly one is not drawn). Months with a small sample are drawn as hollow points
 * and named so in the tooltip. The option comes from `src/charts/trend-option.ts`, the builder
 * of the monthly report's charts too, so the PDF draws the same chart.
 */
export function TrendChart({
  fmt,
  meta,
  profile,
  months,
  series,
  height = 300,
  zones = true,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  profile: Profile;
  months: string[];
  series: TrendSeries[];
  height?: number;
  zones?: boolean;
}) {
  const option = useMemo(
    () =>
      trendOption({
        meta,
        profile,
        months,
        series,
        zones,
        media: 'screen',
        monthLabel: (m) => formatMonth(fmt, m, months.length > 12),
        format: (v) => formatValue(fmt, v, meta.unit),
      }),
    [fmt, meta, profile, months, series, zones],
  );
  const csv = useMemo(
    () =>
      series.flatMap((s) =>
        months.map((m, i) => ({ series: s.name, month: m, ...kpiCsvCells(s.results[i]) })),
      ),
    [series, months],
  );
  return (
    <div className="trend-chart">
      <EChart
        option={option}
        height={height}
        label={`${series.map((s) => s.name).join(', ')} by month`}
      />
      <CsvDownload
        filename={`${meta.id}-trend-${months[0] ?? ''}-${months[months.length - 1] ?? ''}.csv`}
        columns={['series', 'month', ...KPI_CSV_COLUMNS]}
        rows={csv}
        label="Download the chart's figures (CSV)"
      />
    </div>
  );
}
