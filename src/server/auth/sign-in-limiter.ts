/** Failed sign-ins allowed per login and address within the window, then 429. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed sign-ins per login and address in memory (one server process). A success
 * clears the count; entries older than the window are forgotten.
 */
export function signInLimiter(now: () => number = Date.now) {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const t = now();
    const kept = (failures.get(key) ?? []).filter((at) => t - at < FAILURE_WINDOW_MS);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
    retryAfter(key: string): number {
      const kept = recent(key);
      if (kept.length < MAX_FAILURES) return 0;
      return Math.ceil((kept[0]! + FAILURE_WINDOW_MS - now()) / 1000);
    },
    fail(key: string): void {
      failures.set(key, [...recent(key), now()]);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}
export type SignInLimiter = ReturnType<typeof signInLimiter>;
