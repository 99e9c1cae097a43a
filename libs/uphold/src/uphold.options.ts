import { CircuitOptions } from './resilience/upstream-circuit';
import { RedisTopology } from './token/redis-topology';

/** How the Uphold client and its token cache are configured. */
export interface UpholdModuleOptions {
  /** Upstream origin, e.g. `https://api.enterprise.sandbox.uphold.com`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes for the token request, if any. */
  scopes?: string;
  /** Per upstream call, token requests included. */
  timeoutMs: number;
  /** The token is treated as expired this long before `expires_in` ends (capped at half its lifetime). */
  tokenExpirySkewSeconds: number;
  /** Shared token store (standalone, cluster or sentinel); without it the token lives in this process only. */
  redis?: RedisTopology;
  /** Timeout of each Redis command, so a hung Redis never stalls a request. */
  redisCommandTimeoutMs?: number;
  /** Circuit breaker around upstream calls; defaults in DEFAULT_CIRCUIT_OPTIONS. */
  circuit?: Partial<CircuitOptions>;
}
