import type { KpiResult } from '../api/api-types';
import { BAND_COLOR, BAND_TEXT } from '../lib/bands';

/**
 * The benchmark band as a coloured label with its name in words, exactly as the server gave it
 * (never re-derived here). A small sample gets a plain "small sample" marker instead and no
 * colour; a benchmark that does not hold for this period says why ("benchmark stated per
 * quarter"); a KPI without bands for the profile says so; no data, or no data loaded, no badge.
 */
export function BandBadge({ result }: { result: KpiResult }) {
  if (result.status === 'insufficient_data' && result.denominator === 0 && result.maturing) {
    return (
      <span
        className="badge badge-small"
        title="Every new client of this period is still too recent to be counted"
      >
        <span aria-hidden="true">◌ </span>Still maturing
      </span>
    );
  }
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
  if (result.value === null || result.status !== 'ok') return null;
  if (!result.band && result.bandNote) {
    return (
      <span
        className="badge badge-none"
        data-band-note={result.bandNote}
        title="The benchmark holds only for the period length its source stated it for"
      >
        No band: {result.bandNote}
      </span>
    );
  }
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
