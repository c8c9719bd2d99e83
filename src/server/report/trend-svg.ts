import * as echarts from 'echarts';
import type { KpiResult } from '../../metrics/engine/kpi-result.types.js';
import type { KpiMeta } from '../../metrics/kpi-meta/index.js';
import { BAND_WORDS, num } from './report-format.js';

const LINE = '#4f46e5';
const SMALL = '#94a3b8';

const MONTH = (key: string) =>
  new Date(`${key}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

/**
 * One KPI month by month as SVG, drawn by ECharts' server-side renderer (no browser, no
 * canvas) in the dashboard's vocabulary: a line of the values, hollow points for months with a
 * small sample, the band of the latest month with a figure named under the title.
 */
export function trendSvg(input: {
  meta: KpiMeta;
  months: string[];
  results: (KpiResult | undefined)[];
  width: number;
  height: number;
  fontFamily: string;
}): string {
  const { meta, months, results, width, height } = input;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const points = results.map((r) =>
    r && r.value !== null && (r.status === 'ok' || r.status === 'insufficient_data')
      ? {
          value: r.value,
          symbol: r.status === 'insufficient_data' ? 'emptyCircle' : 'circle',
          symbolSize: r.status === 'insufficient_data' ? 7 : 5,
          itemStyle: { color: r.status === 'insufficient_data' ? SMALL : LINE },
        }
      : null,
  );
  const unit = meta.unit === 'percent' ? ' %' : '';
  const last = [...results].reverse().find((r) => r?.value !== null && r?.value !== undefined);
  const band = last?.band ? BAND_WORDS[last.band] : null;
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: input.fontFamily },
    title: {
      text: band ? `${meta.name} · latest month ${band}` : meta.name,
      left: 0,
      textStyle: { fontSize: 12, fontFamily: input.fontFamily },
    },
    grid: { left: 48, right: 12, top: 36, bottom: 24 },
    xAxis: {
      type: 'category',
      data: months.map(MONTH),
      boundaryGap: false,
      axisLabel: { fontSize: 8, fontFamily: input.fontFamily },
    },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: {
        fontSize: 8,
        fontFamily: input.fontFamily,
        formatter: (v: number) => `${num(v, 1)}${unit}`,
      },
    },
    series: [
      {
        type: 'line',
        data: points,
        connectNulls: false,
        lineStyle: { width: 2, color: LINE },
        itemStyle: { color: LINE },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
