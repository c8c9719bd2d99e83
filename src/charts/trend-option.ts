import type { KpiResult } from '../metrics/engine/kpi-result.types.js';
import type { KpiMeta } from '../metrics/kpi-meta/kpi-meta.types.js';
import type { Profile } from '../model/practice.js';
import { BAND_TEXT, BAND_ZONE, bandEdges, bandZones, bandsHoldFor } from './band-zones.js';

/** One line of a trend chart: a KPI's results month by month. */
export interface TrendLine {
  name: string;
  results: (KpiResult | undefined)[];
  color: string;
  dashed?: boolean;
}

/**
 * The figure a trend line draws: none for a cohort whose clients are mostly still maturing (too
 * few matured to be more than noise), so the young months never read as a drop.
 */
export const trendValue = (r: KpiResult | undefined): number | null =>
  r && typeof r.value === 'number' && !(r.status !== 'ok' && (r.maturing ?? 0) > 0)
    ? r.value
    : null;

/** Sizes of the two media: the dashboard's screen and the report's printed page. */
const MEDIA = {
  screen: {
    font: 12,
    line: 2.5,
    point: 7,
    small: 9,
    grid: { left: 64, right: 24, top: 36, bottom: 36 },
  },
  print: {
    font: 8,
    line: 2,
    point: 5,
    small: 7,
    grid: { left: 48, right: 12, top: 36, bottom: 24 },
  },
} as const;

/** The value axis: the values and band edges with 15 % room, a percentage kept in 0–100. */
export function trendAxis(values: number[], edges: number[], unit: KpiMeta['unit']) {
  const all = [...values, ...edges];
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
  lo = lo - pad;
  hi = hi + pad;
  if (unit === 'percent') {
    lo = Math.max(0, lo);
    hi = Math.min(100, hi);
  }
  if (lo > 0 && lo < (hi - lo) * 0.5) lo = 0;
  return { lo: Number(lo.toFixed(2)), hi: Number(hi.toFixed(2)) };
}

/**
 * The ECharts option of a KPI's trend, the one builder of the dashboard's `TrendChart` and the
 * monthly report's SVG charts, so both draw the same chart: one line per series, hollow larger
 * points for months with a small sample, a gap for months without a figure, and — when the
 * profile's benchmark holds for a month — the band zones behind the first line, each named.
 * Pure (no DOM, no ECharts import): the caller renders it on a canvas or as SVG.
 */
export function trendOption(input: {
  meta: KpiMeta;
  profile: Profile;
  months: string[];
  series: TrendLine[];
  /** A month key as the axis names it. */
  monthLabel: (key: string) => string;
  /** A value as the axis (and the tooltip) writes it. */
  format: (v: number) => string;
  media: keyof typeof MEDIA;
  zones?: boolean;
  /** A title above the plot (the report); the screen names the chart beside it instead. */
  title?: string;
  /** A second, smaller line under the title (the report: the latest month's band). */
  subtitle?: string;
  fontFamily?: string;
}): Record<string, unknown> {
  const { meta, profile, series } = input;
  const m = MEDIA[input.media];
  const drawZones = (input.zones ?? true) && bandsHoldFor(meta, profile, 'month');
  const values = series.flatMap((s) =>
    s.results.flatMap((r) => {
      const v = trendValue(r);
      return v === null ? [] : [v];
    }),
  );
  const { lo, hi } = trendAxis(values, drawZones ? bandEdges(meta, profile) : [], meta.unit);
  const zones = drawZones ? bandZones(meta, profile, lo, hi) : [];
  const font = input.fontFamily ? { fontFamily: input.fontFamily } : {};
  return {
    animation: input.media === 'screen',
    ...(input.fontFamily ? { textStyle: font } : {}),
    ...(input.title
      ? {
          title: {
            text: input.title,
            left: 0,
            textStyle: { fontSize: m.font + 4, ...font },
            ...(input.subtitle
              ? { subtext: input.subtitle, itemGap: 2, subtextStyle: { fontSize: m.font, ...font } }
              : {}),
          },
        }
      : {}),
    // A subtitle's line pushes the plot down by its height.
    grid: input.subtitle ? { ...m.grid, top: m.grid.top + m.font + 4 } : m.grid,
    legend:
      series.length > 1
        ? { top: 0, left: 'center', textStyle: { fontSize: m.font, ...font } }
        : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? input.format(v) : 'no data'),
    },
    xAxis: {
      type: 'category',
      data: input.months.map(input.monthLabel),
      boundaryGap: false,
      axisLabel: { fontSize: m.font, ...font },
    },
    yAxis: {
      type: 'value',
      min: lo,
      max: hi,
      // The padded ends are not round numbers: their labels would crowd the nearest tick's.
      axisLabel: {
        fontSize: m.font,
        ...font,
        formatter: (v: number) => input.format(v),
        showMinLabel: false,
        showMaxLabel: false,
      },
    },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.results.map((r) => {
        const v = trendValue(r);
        if (v === null) return null;
        const small = r!.status === 'insufficient_data';
        return {
          value: v,
          symbol: small ? 'emptyCircle' : 'circle',
          symbolSize: small ? m.small : m.point,
        };
      }),
      connectNulls: false,
      lineStyle: { width: m.line, color: s.color, type: s.dashed ? 'dashed' : 'solid' },
      itemStyle: { color: s.color },
      markArea:
        i === 0 && zones.length
          ? {
              silent: true,
              label: { position: 'insideRight', color: '#475569', fontSize: m.font - 1, ...font },
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
}
