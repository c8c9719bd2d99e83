/** The periods the KPI measurements use: the demo's last full month and the years up to it. */
export const BENCH_MONTH = { from: '2026-10-01', to: '2026-10-31' } as const;
export const BENCH_PREVIOUS_MONTH = { from: '2026-09-01', to: '2026-09-30' } as const;
/** Six months by month: the aim's report on the 3 M-row practice (issue 14). */
export const BENCH_SIX_MONTHS = { from: '2026-05-01', to: '2026-10-31' } as const;
export const BENCH_YEAR = { from: '2025-11-01', to: '2026-10-31' } as const;
/** The large and platform demos' whole window: 24 months (the medium demo's 18, padded). */
export const BENCH_TWO_YEARS = { from: '2024-11-01', to: '2026-10-31' } as const;

/** Runs `fn` `times` times after one warm-up run and returns the fastest time in ms. */
export async function bestOf(times: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
