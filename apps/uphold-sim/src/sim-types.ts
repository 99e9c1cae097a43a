/** Public option and record shapes of the simulator. */

export interface SimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Default 0 (a random free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 600, as the sandbox. */
  tokenLifetimeSeconds?: number;
  /** Default true; when false only counters are kept (benchmarks). */
  recordRequests?: boolean;
  /** Latency added to every route at start and after reset(); default 0. */
  latencyMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names, as node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, else the raw string (form bodies), or undefined when empty. */
  body: unknown;
}
