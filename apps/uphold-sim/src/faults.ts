/** Fault knobs: what a route does instead of (or before) answering normally. */

export type SimRoute = 'token' | 'getKyc' | 'patchIdentity' | 'createFile' | 'upload';

export const SIM_ROUTES: readonly SimRoute[] = [
  'token',
  'getKyc',
  'patchIdentity',
  'createFile',
  'upload',
];

export interface RouteFault {
  /** Answer this status (with a JSON body {code, message} unless body is given). */
  status?: number;
  /** Exact JSON body to send with status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Delay before answering. */
  latencyMs?: number;
  /** Never answer (socket left open until the client gives up or the simulator stops). */
  hang?: boolean;
  /** Answer 200 with Content-Type application/json and an invalid JSON body. */
  malformed?: boolean;
  /** Destroy the socket without answering. */
  destroy?: boolean;
  /** Apply to the next N requests of that route only (default: until cleared). */
  times?: number;
}

const lowerCaseNames = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

interface ArmedFault {
  fault: RouteFault;
  remaining: number;
}

/** The faults currently set, one per route; `times` is consumed per matching request. */
export class FaultBook {
  private readonly armed = new Map<SimRoute, ArmedFault>();

  set(route: SimRoute, fault: RouteFault): void {
    const remaining = fault.times === undefined ? Infinity : fault.times;
    const headers = fault.headers && lowerCaseNames(fault.headers);
    if (remaining > 0) this.armed.set(route, { fault: { ...fault, headers }, remaining });
    else this.armed.delete(route);
  }

  clear(): void {
    this.armed.clear();
  }

  /** The fault for this request, if any, consuming one of its `times`. */
  take(route: SimRoute): RouteFault | undefined {
    if (this.armed.size === 0) return undefined;
    const entry = this.armed.get(route);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed.delete(route);
    return entry.fault;
  }
}

export function isSimRoute(value: unknown): value is SimRoute {
  return typeof value === 'string' && (SIM_ROUTES as readonly string[]).includes(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FAULT_KEYS = [
  'status',
  'body',
  'headers',
  'latencyMs',
  'hang',
  'malformed',
  'destroy',
  'times',
];

/** Checks a fault received over the admin API; returns the problems found (empty when valid). */
export function faultProblems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(input))
    if (!FAULT_KEYS.includes(key)) problems.push(`unknown fault property ${key}`);
  const { status, headers, latencyMs, times } = input;
  if (
    status !== undefined &&
    !(Number.isInteger(status) && Number(status) >= 200 && Number(status) <= 599)
  )
    problems.push('status must be an integer from 200 to 599');
  if (
    headers !== undefined &&
    !(isRecord(headers) && Object.values(headers).every((h) => typeof h === 'string'))
  )
    problems.push('headers must be an object of strings');
  if (
    latencyMs !== undefined &&
    !(typeof latencyMs === 'number' && latencyMs >= 0 && Number.isFinite(latencyMs))
  )
    problems.push('latencyMs must be a non-negative number');
  if (times !== undefined && !(Number.isInteger(times) && Number(times) > 0))
    problems.push('times must be a positive integer');
  for (const flag of ['hang', 'malformed', 'destroy'] as const)
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean')
      problems.push(`${flag} must be a boolean`);
  return problems;
}
