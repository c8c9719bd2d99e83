import { DateTime } from 'luxon';

/** A stretch of time [start, end) over which a zone keeps one UTC offset (ms). */
export interface OffsetSpan {
  start: number;
  end: number;
  offsetMs: number;
}

const HOUR = 3_600_000;

/**
 * The zone's UTC offsets over [start, end), split at each change (DST). Found by hourly probing
 * then bisection to the millisecond, so a local-day number is `floor((t + offset) / 1 day)`.
 */
export function offsetSpans(start: number, end: number, zone: string): OffsetSpan[] {
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset * 60_000;
  const spans: OffsetSpan[] = [];
  let spanStart = start;
  let current = offsetAt(start);
  for (let t = start; t < end;) {
    const next = Math.min(t + HOUR, end);
    const o = next < end ? offsetAt(next) : current;
    if (o !== current) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === current) lo = mid;
        else hi = mid;
      }
      spans.push({ start: spanStart, end: hi, offsetMs: current });
      spanStart = hi;
      current = o;
    }
    t = next;
  }
  spans.push({ start: spanStart, end, offsetMs: current });
  return spans;
}
