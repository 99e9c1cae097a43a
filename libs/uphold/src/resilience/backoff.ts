export interface BackoffPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random, so
 * a retry never fires at once), never shorter than the server's Retry-After.
 */
export function backoffMs(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterSeconds?: number,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
