/**
 * The q-quantile (0..1) of n sorted values given by rank, by linear interpolation between
 * closest ranks (the common "type 7" definition: median of 1,2,3,4 is 2.5), or null when n = 0.
 */
export function quantileAt(n: number, q: number, at: (rank: number) => number): number | null {
  if (n === 0) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return at(lo) + (at(hi) - at(lo)) * (pos - lo);
}

/** The q-quantile of the values (see quantileAt), or null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return quantileAt(sorted.length, q, (i) => sorted[i]!);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p90 = (values: readonly number[]) => quantile(values, 0.9);
