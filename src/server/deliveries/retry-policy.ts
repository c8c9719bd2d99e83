/** How often and how patiently a delivery is tried: attempt i waits base × 2^(i−2) before it. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** Per-attempt timeout of a webhook request. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, timeoutMs: 10_000 };

export const backoffMs = (policy: RetryPolicy, attempt: number): number =>
  attempt <= 1 ? 0 : policy.baseDelayMs * 2 ** (attempt - 2);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
