import type { BandLabel, KpiMeta } from '../metrics/kpi-meta/kpi-meta.types.js';
import type { Profile } from '../model/practice.js';

/** Words of the four benchmark bands; a zone is always named, never told by colour alone. */
export const BAND_TEXT: Record<BandLabel, string> = {
  below_typical: 'Below typical',
  typical: 'Typical',
  above_average: 'Above average',
  exceptional: 'Exceptional',
};

/** Pale colours of the bands for the zones behind trend charts. */
export const BAND_ZONE: Record<BandLabel, string> = {
  below_typical: 'rgba(234, 88, 12, 0.10)',
  typical: 'rgba(234, 179, 8, 0.13)',
  above_average: 'rgba(34, 197, 94, 0.12)',
  exceptional: 'rgba(20, 184, 166, 0.16)',
};

export interface Zone {
  label: BandLabel;
  from: number;
  to: number;
}

/**
 * True when the profile's benchmark holds for a period of this length: it has bands, stated for
 * any length or for exactly this one. A quarterly benchmark is not drawn behind monthly figures.
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
