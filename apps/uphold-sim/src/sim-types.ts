/** Public option and record shapes of the simulator. */
import type { FileCategory } from './upstream-shapes';

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
  /** Base of the `upload.url` it hands out; default the URL it listens on (set it when behind a container name). */
  publicUrl?: string;
  /**
   * Files that exist, already uploaded, from the start and after reset(), for any user: fixtures that
   * PATCH without uploading. Every other file id must have been reserved by that user and uploaded.
   */
  uploadedFileIds?: readonly string[];
  /** Browser origins allowed to POST to `upload.url` (CORS); default none. */
  uploadCorsOrigins?: readonly string[];
  /** Upload size limits per category; default as documented (25 MB, 15 MB, 100 MB). */
  maxUploadBytes?: Partial<Record<FileCategory, number>>;
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
