import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiResult } from '../metrics/engine/kpi-result.types.js';
import { sessionCompletionRateMeta as meta } from '../metrics/kpi-meta/session-completion-rate.js';
import { trendSvg } from '../server/report/trend-svg.js';
import { trendOption } from './trend-option.js';

const result = (value: number | null, status: KpiResult['status'], maturing?: number) =>
  ({
    value,
    unit: 'percent',
    numerator: null,
    denominator: null,
    n: 0,
    ci: null,
    band: null,
    status,
    ...(maturing === undefined ? {} : { maturing }),
  }) as KpiResult;

const MONTHS = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const RESULTS = [
  result(70, 'ok'),
  result(85, 'ok'),
  result(88, 'insufficient_data'),
  // A cohort still maturing: no point, and not on the axis either.
  result(60, 'insufficient_data', 3),
  undefined,
];

type Option = {
  yAxis: { min: number; max: number };
  series: {
    data: ({ value: number; symbol: string; symbolSize: number } | null)[];
    markArea?: { data: [{ yAxis: number; name: string }, { yAxis: number }][] };
  }[];
};

const build = (media: 'screen' | 'print', profile: 'online_platform' | 'remote_consultation') =>
  trendOption({
    meta,
    profile,
    months: MONTHS,
    series: [{ name: meta.name, results: RESULTS, color: '#123456' }],
    monthLabel: (m) => m,
    format: (v) => `${v} %`,
    media,
  }) as unknown as Option;

describe('the one trend chart option of the dashboard and the report', () => {
  it('puts the values and band edges on the axis with 15 % room, and names the zones', () => {
    const o = build('screen', 'online_platform');
    // Values 70, 85, 88 and band edges 80, 90: 70..90, padded by 3 each side.
    assert.deepEqual(o.yAxis, { ...o.yAxis, min: 67, max: 93 });
    const zones = o.series[0]!.markArea!.data.map(([a, b]) => [a.name, a.yAxis, b.yAxis]);
    assert.deepEqual(zones, [
      ['Below typical', 67, 80],
      ['Typical', 80, 90],
      ['Above average', 90, 93],
    ]);
    assert.deepEqual(
      o.series[0]!.data.map((d) => d && [d.value, d.symbol, d.symbolSize]),
      [[70, 'circle', 7], [85, 'circle', 7], [88, 'emptyCircle', 9], null, null],
    );
  });

  it('the printed chart is the same chart at print sizes; no bands, no zones', () => {
    const print = build('print', 'online_platform');
    assert.deepEqual(print.yAxis.min, 67);
    assert.deepEqual(
      print.series[0]!.data.map((d) => d && d.symbolSize),
      [5, 5, 7, null, null],
    );
    // remote_consultation has no completion benchmark: the axis holds the values only.
    const bare = build('screen', 'remote_consultation');
    assert.equal(bare.series[0]!.markArea, undefined);
    // 70..88, padded by 2.7.
    assert.deepEqual([bare.yAxis.min, bare.yAxis.max], [67.3, 90.7]);
  });

  it("the report's SVG draws the zones the screen draws", () => {
    const svg = trendSvg({
      meta,
      profile: 'online_platform',
      months: MONTHS,
      results: RESULTS,
      width: 300,
      height: 160,
      fontFamily: 'DejaVu Sans',
    });
    assert.match(svg, /^<svg/);
    for (const name of ['Below typical', 'Typical', 'Above average']) {
      assert.ok(svg.includes(`>${name}<`), `zone ${name} in the SVG`);
    }
  });
});
