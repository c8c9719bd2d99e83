/**
 * A small seeded pseudo-random generator (sfc32) with the draws the simulator needs. Never uses
 * Math.random, so a seed always gives the same practice.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [a, b). */
  range(a: number, b: number): number;
  /** Integer uniform in [a, b] (inclusive). */
  int(a: number, b: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks an index with probability proportional to its weight. */
  weighted(weights: readonly number[]): number;
  /** Log-normal draw with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number;
  normal(): number;
  /** A child generator with its own stream, derived from this one and a label. */
  fork(label: number): Rng;
}

const mix = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

export function createRng(seed: number, stream = 0): Rng {
  let a = mix(seed ^ 0x9e3779b9);
  let b = mix(a ^ stream ^ 0x243f6a88);
  let c = mix(b ^ 0xb7e15162);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const normal = (): number => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    normal,
    fork: (label) => createRng(mix(seed + Math.imul(label, 0x27d4eb2d)), (stream + label) | 0),
  };
  return rng;
}
