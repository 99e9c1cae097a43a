/** How the identity provider's key set is fetched and held (contract §2). */
export interface JwksTiming {
  /** No two fetches start closer together than this, whatever asks for them. */
  minFetchIntervalMs: number;
  /** A key set held longer than this is refreshed in the background while it keeps serving. */
  refreshIntervalMs: number;
  /** A fetch not complete by then has failed. */
  fetchTimeoutMs: number;
  /** Milliseconds on a clock that never goes back. */
  now: () => number;
}

export const JwksTiming = Symbol('JwksTiming');

/** The production timing; tests replace the provider to drive the clock themselves. */
export const DEFAULT_JWKS_TIMING: JwksTiming = {
  minFetchIntervalMs: 30_000,
  refreshIntervalMs: 10 * 60_000,
  fetchTimeoutMs: 5_000,
  now: () => performance.now(),
};
