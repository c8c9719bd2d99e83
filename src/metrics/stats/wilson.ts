/**
 * The 95% Wilson score interval of a proportion `successes / n`, as fractions in [0, 1], or
 * null when n is 0. Stays inside [0, 1] and behaves at 0 and n successes, unlike the normal one.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054) {
  if (!(n > 0) || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [lo, hi] as [number, number];
}
