import { DateTime } from 'luxon';

/** Per zone, ascending instants of local month starts: a covered range, grown as asked. */
const starts = new Map<string, number[]>();

/** Months added on either side of an instant outside the covered range. */
const MARGIN_MONTHS = 24;

/**
 * The local month of `zone` that holds the instant `ms`, as epoch ms [start, end): the edges
 * are luxon's `startOf('month')` of the month and of the next one, looked up by bisection in a
 * table of month starts made once per zone (computing a zone offset through Intl costs about
 * as much as a thousand look-ups; the episode rollup asks once per episode and month).
 */
export function localMonthOf(ms: number, zone: string): [number, number] {
  let t = starts.get(zone);
  if (t === undefined || ms < t[0]! || ms >= t[t.length - 1]!) t = cover(zone, ms, t);
  let [lo, hi] = [0, t.length - 1];
  // Invariant: t[lo] <= ms < t[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return [t[lo]!, t[lo + 1]!];
}

function cover(zone: string, ms: number, t: number[] | undefined): number[] {
  const month = DateTime.fromMillis(ms, { zone }).startOf('month');
  let first = month.minus({ months: MARGIN_MONTHS });
  let last = month.plus({ months: MARGIN_MONTHS + 1 });
  if (t !== undefined) {
    const [a, b] = [
      DateTime.fromMillis(t[0]!, { zone }),
      DateTime.fromMillis(t[t.length - 1]!, { zone }),
    ];
    if (a < first) first = a;
    if (b > last) last = b;
  }
  const out: number[] = [];
  // Each start is its own startOf('month'): where a zone skips a midnight, the month begins
  // at the first local instant of its first day.
  for (let m = first; m <= last; m = m.plus({ months: 1 }).startOf('month')) out.push(m.toMillis());
  starts.set(zone, out);
  return out;
}
