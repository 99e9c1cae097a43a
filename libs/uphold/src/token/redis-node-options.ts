import { RedisTlsOptions } from './redis-topology';

/** The part of a `redis(s)://user:password@host:port` URL every connection of a topology shares. */
export interface RedisNodeAccess {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls: boolean;
}

export function parseRedisUrl(url: string): RedisNodeAccess {
  const parsed = new URL(url);
  const tls = parsed.protocol === 'rediss:';
  return {
    // Stryker disable next-line Regex: a URL's hostname has brackets only around a whole IPv6 address
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls,
  };
}

/**
 * No command timeout of node-redis's own: every command already races ours (`withTimeout`), and
 * node-redis's default one is an `AbortSignal.timeout` of 5 s per command that outlives the answer
 * (a timer and a signal for every request that writes to Redis, kept past the young generation,
 * and an error built when it fires). Set on each client and on a cluster or sentinel itself.
 */
export const COMMAND_OPTIONS = Object.freeze({ timeout: 0 });

/**
 * The node-redis options every connection of a topology gets (cluster `defaults`, sentinel
 * `nodeClientOptions`/`sentinelClientOptions`): the first URL's credentials and scheme, the
 * capped reconnect backoff, no offline queue, no command timeout of node-redis's own.
 */
export function sharedClientOptions(
  access: RedisNodeAccess,
  connectTimeoutMs: number,
  tlsOptions: RedisTlsOptions = {},
) {
  return {
    ...(access.username !== undefined && { username: access.username }),
    ...(access.password !== undefined && { password: access.password }),
    disableOfflineQueue: true,
    commandOptions: COMMAND_OPTIONS,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: reconnectDelay,
      ...(access.tls ? { tls: true as const, ...(tlsOptions.ca && { ca: tlsOptions.ca }) } : {}),
    },
  };
}

const MAX_RECONNECT_DELAY_MS = 2_000;

/** Capped exponential backoff with jitter, shared by every topology. */
export function reconnectDelay(retries: number): number {
  return Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(retries, 6)) + Math.random() * 100;
}
