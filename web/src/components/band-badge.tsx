import type { KpiResult } from '../api/api-types';
import { BAND_COLOR, BAND_TEXT } from '../lib/bands';

/**
 * The benchmark band as a coloured label with its name in words. A small sample gets a plain
 * "small sample" marker instead and no colour; a KPI without bands for the profile says so.
 */
export function BandBadge({ result }: { result: KpiResult }) {
  if (result.status === 'insufficient_data') {
    return (
      <span
        className="badge badge-small"
        title="Too few cases for a fair comparison with the benchmark"
      >
        <span aria-hidden="true">◌ </span>Small sample
      </span>
    );
  }
  if (result.value === null || result.status === 'no_data') return null;
  if (!result.band) {
    return (
      <span className="badge badge-none" title="This profile has no benchmark for this measure">
        No benchmark
      </span>
    );
  }
  return (
    <span
      className="badge"
      style={{ background: BAND_COLOR[result.band], color: '#fff' }}
      data-band={result.band}
    >
      {BAND_TEXT[result.band]}
    </span>
  );
}
