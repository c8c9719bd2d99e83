import type { BandLabel, Direction } from '../../../src/metrics/kpi-meta/kpi-meta.types';
import type { KpiMeta, Profile } from '../api/api-types';

/** Words and colours of the four benchmark bands; the words are always shown with the colour. */
export const BAND_TEXT: Record<BandLabel, string> = {
  below_typical: 'Below typical',
  typical: 'Typical',
  above_average: 'Above average',
  exceptional: 'Exceptional',
};

export const BAND_COLOR: Record<BandLabel, string> = {
  below_typical: '#c2410c',
  typical: '#a16207',
  above_average: '#15803d',
  exceptional: '#0f766e',
};

/** Pale versions for the zones behind trend charts. */
export const BAND_ZONE: Record<BandLabel, string> = {
  below_typical: 'rgba(234, 88, 12, 0.10)',
  typical: 'rgba(234, 179, 8, 0.13)',
  above_average: 'rgba(34, 197, 94, 0.12)',
  exceptional: 'rgba(20, 184, 166, 0.16)',
};

export const PROFILE_TEXT: Record<Profile, string> = {
  online_platform: 'Online therapy platform',
  remote_consultation: 'Remote consultation practice',
  neurofeedback: 'Neurofeedback practice',
};

export interface Zone {
  label: BandLabel;
  from: number;
  to: number;
}

/**
 * True when the profile's benchmark holds for a period of this length: it has bands, stated for
 * any length or for exactly this one. A quarterly benchmark is not drawn behind monthly figures.
 * (Bands of figures come from the server; this only decides whether to draw the zones.)
 */
export function bandsHoldFor(meta: KpiMeta, profile: Profile, length: 'month' | 'quarter') {
  const bands = meta.bands[profile];
  return !!bands && bands.rules.length > 0 && (!bands.period || bands.period === length);
}

/**
 * The profile's band rules as closed number ranges, clipped to [lo, hi] so open-ended rules
 * ("over 95") can be drawn. The rest of the axis is below typical, drawn as its own zones.
 */
export function bandZones(meta: KpiMeta, profile: Profile, lo: number, hi: number): Zone[] {
  const rules = meta.bands[profile]?.rules ?? [];
  const zones: Zone[] = rules.map((r) => ({
    label: r.label,
    from: Math.max(lo, r.gte ?? r.gt ?? -Infinity),
    to: Math.min(hi, r.lte ?? r.lt ?? Infinity),
  }));
  const kept = zones.filter((z) => z.to > z.from).sort((a, b) => a.from - b.from);
  if (kept.length === 0) return [];
  const filled: Zone[] = [];
  let cursor = lo;
  for (const z of kept) {
    if (z.from > cursor) filled.push({ label: 'below_typical', from: cursor, to: z.from });
    filled.push(z);
    cursor = Math.max(cursor, z.to);
  }
  if (cursor < hi) filled.push({ label: 'below_typical', from: cursor, to: hi });
  return filled;
}

/** The numbers the band rules mention, to keep them inside a chart's axis. */
export function bandEdges(meta: KpiMeta, profile: Profile): number[] {
  const rules = meta.bands[profile]?.rules ?? [];
  return rules.flatMap((r) =>
    [r.gte, r.gt, r.lte, r.lt].filter((x): x is number => typeof x === 'number'),
  );
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Whether a move from `before` to `after` is good news for a KPI of this direction. */
export function changeTone(
  direction: Direction,
  before: number,
  after: number,
  target?: { min: number; max: number },
): Tone {
  if (after === before) return 'neutral';
  if (direction === 'higher') return after > before ? 'good' : 'bad';
  if (direction === 'lower') return after < before ? 'good' : 'bad';
  if (!target) return 'neutral';
  const distance = (v: number) =>
    v < target.min ? target.min - v : v > target.max ? v - target.max : 0;
  const d0 = distance(before);
  const d1 = distance(after);
  return d1 < d0 ? 'good' : d1 > d0 ? 'bad' : 'neutral';
}

export const DIRECTION_TEXT: Record<Direction, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  range: 'Best inside a range',
};
