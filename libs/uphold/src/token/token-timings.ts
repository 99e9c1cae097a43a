/** How the token service paces the cluster lock and the background refresh. */
export interface TokenServiceTimings {
  /** How long the cluster lock lives if its holder never releases it. */
  lockTtlMs: number;
  /** How long a replica waits for another one's token before fetching itself. */
  lockWaitMs: number;
  lockPollMs: number;
  /** Pause after a failed background refresh before the next one. */
  refreshRetryMs: number;
}

const LOCK_POLL_MS = 25;
const REFRESH_RETRY_MS = 5_000;
/** Room for the event loop and the clocks of two replicas on top of the holder's own work. */
const LOCK_MARGIN_MS = 1_000;
/** The holder reads the store, fetches, writes the token and unlocks: three store commands besides the fetch. */
const HOLDER_STORE_COMMANDS = 3;

/**
 * Derives the lock from the longest token fetch: the lock outlives the holder's whole turn, and a
 * waiting replica waits that long (its own request deadline still bounds its request), so a slow
 * endpoint never makes replicas fetch in parallel.
 */
export function tokenTimings(longestFetchMs: number, storeCommandMs: number): TokenServiceTimings {
  const lockTtlMs = longestFetchMs + HOLDER_STORE_COMMANDS * storeCommandMs + LOCK_MARGIN_MS;
  return {
    lockTtlMs,
    lockWaitMs: lockTtlMs,
    lockPollMs: LOCK_POLL_MS,
    refreshRetryMs: REFRESH_RETRY_MS,
  };
}
