/** The axios instance that talks to the upstream. */
export const UPHOLD_HTTP = Symbol('UPHOLD_HTTP');
/** The process's one Redis connection (a RedisClient), or null without Redis. */
export const UPHOLD_REDIS = Symbol('UPHOLD_REDIS');
/** The token cache key (a hash; see token-cache-key.ts). */
export const UPHOLD_TOKEN_CACHE_KEY = Symbol('UPHOLD_TOKEN_CACHE_KEY');

/** The telemetry in use: the app's UPHOLD_TELEMETRY if it provides one, else NO_TELEMETRY. */
export const RESOLVED_TELEMETRY = Symbol('RESOLVED_TELEMETRY');

/** Hundreds of healthy round trips; a replica stalled longer falls back (own token, local count) */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250;
