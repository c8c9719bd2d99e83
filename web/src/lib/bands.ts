import type { BandLabel, Direction } from '../../../src/metrics/kpi-meta/kpi-meta.types';
import type { Profile } from '../api/api-types';

// The band words, zones and edges are shared with the monthly report's charts.
export {
  BAND_TEXT,
  BAND_ZONE,
  bandEdges,
  bandZones,
  bandsHoldFor,
  type Zone,
} from '../../../src/charts/band-zones';

/** Colours of the four benchmark bands; the words are always shown with the colour. */
export const BAND_COLOR: Record<BandLabel, string> = {
  below_typical: '#c2410c',
  typical: '#a16207',
  above_average: '#15803d',
  exceptional: '#0f766e',
};

export const PROFILE_TEXT: Record<Profile, string> = {
  online_platform: 'Online therapy platform',
  remote_consultation: 'Remote consultation practice',
  neurofeedback: 'Neurofeedback practice',
};

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
