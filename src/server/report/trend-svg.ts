import * as echarts from 'echarts';
import { trendOption } from '../../charts/trend-option.js';
import type { KpiResult } from '../../metrics/engine/kpi-result.types.js';
import type { KpiMeta } from '../../metrics/kpi-meta/index.js';
import type { Profile } from '../../model/practice.js';
import { BAND_WORDS, num } from './report-format.js';

const LINE = '#4f46e5';

const MONTH = (key: string) =>
  new Date(`${key}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

/**
 * One KPI month by month as SVG, drawn by ECharts' server-side renderer (no browser, no
 * canvas) from the dashboard's own option builder (`charts/trend-option.ts`): the same line,
 * hollow small-sample points and band zones as on screen, at print sizes, with the band of the
 * latest month with a figure named under the title.
 */
export function trendSvg(input: {
  meta: KpiMeta;
  profile: Profile;
  months: string[];
  results: (KpiResult | undefined)[];
  width: number;
  height: number;
  fontFamily: string;
}): string {
  const { meta, months, results, width, height } = input;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const unit = meta.unit === 'percent' ? ' %' : '';
  const last = [...results].reverse().find((r) => r?.value !== null && r?.value !== undefined);
  const band = last?.band ? BAND_WORDS[last.band] : null;
  chart.setOption(
    trendOption({
      meta,
      profile: input.profile,
      months,
      series: [{ name: meta.name, results, color: LINE }],
      monthLabel: MONTH,
      format: (v) => `${num(v, 1)}${unit}`,
      media: 'print',
      title: meta.name,
      ...(band ? { subtitle: `Latest month: ${band}` } : {}),
      fontFamily: input.fontFamily,
    }),
  );
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
