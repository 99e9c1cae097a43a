/** Where the shared Redis is and how to reach it: one of the three deployments an operator runs. */
export type RedisTopology =
  | { kind: 'standalone'; url: string; tls?: RedisTlsOptions }
  | { kind: 'cluster'; seeds: string[]; tls?: RedisTlsOptions }
  | { kind: 'sentinel'; sentinels: string[]; masterName: string; tls?: RedisTlsOptions };

/** Extra TLS trust for `rediss://` URLs, e.g. a private CA (PEM). */
export interface RedisTlsOptions {
  ca?: string;
}

/** What readiness and the metrics say about the Redis in use. */
export type RedisTopologyState =
  | { topology: 'standalone'; ready: boolean }
  | { topology: 'cluster'; ready: boolean; slotsServed: number }
  | { topology: 'sentinel'; ready: boolean; masterKnown: boolean };

export const CLUSTER_SLOTS = 16_384;
