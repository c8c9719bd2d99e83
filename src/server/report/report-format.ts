import type { KpiResult } from '../../metrics/engine/kpi-result.types.js';
import type { BandLabel } from '../../metrics/kpi-meta/index.js';

const UNIT_SUFFIX = { percent: ' %', hours: ' h', minutes: ' min', score: '', currency: '' };

/** A number as the report prints it: en-US grouping, at most `digits` decimals. */
export const num = (v: number, digits = 1): string =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

const digitsOf = (k: Pick<KpiResult, 'unit'>) => (k.unit === 'score' ? 2 : 1);

/** A KPI's value with its unit, or why there is none. */
export function valueText(k: KpiResult | undefined): string {
  if (!k) return '—';
  const status = k.status as string;
  if (status === 'no_source') return 'no data loaded';
  if (status === 'suppressed') return 'fewer than 5';
  if (k.value === null) return 'no data';
  const unit = k.currency ? ` ${k.currency}` : UNIT_SUFFIX[k.unit];
  return `${num(k.value, digitsOf(k))}${unit}`;
}

/** The change from `before` to `now`: percentage points for rates, the unit's own otherwise. */
export function changeText(now: KpiResult | undefined, before: KpiResult | undefined): string {
  if (!now || !before || now.value === null || before.value === null) return '—';
  const d = now.value - before.value;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const size = num(Math.abs(d), digitsOf(now));
  if (now.unit === 'percent') return `${sign}${size} pts`;
  const unit = now.currency ? ` ${now.currency}` : UNIT_SUFFIX[now.unit];
  return `${sign}${size}${unit}`;
}

export const BAND_WORDS: Record<BandLabel, string> = {
  below_typical: 'below typical',
  typical: 'typical',
  above_average: 'above average',
  exceptional: 'exceptional',
};

/** The band in words, a small-sample mark, or nothing. */
export function bandText(k: KpiResult | undefined): string {
  if (!k || k.value === null) return '';
  if (k.status === 'insufficient_data') return 'small sample';
  return k.band ? BAND_WORDS[k.band] : '';
}

/** A month key as words: `2026-10` → `October 2026`. */
export const monthName = (key: string): string =>
  new Date(`${key}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
