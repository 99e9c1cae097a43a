import type { FileSummary } from './file-book';
import type { RouteFault, SimRoute } from './faults';
import { faultProblems, isSimRoute, SIM_ROUTES } from './faults';
import { sendError, sendJson, type Exchange } from './http-io';
import type { IdentityOutcome } from './kyc-routes';
import { isObject } from './validation-tree';

export interface SimStats {
  tokenRequests: number;
  requests: Record<SimRoute, number>;
}

/** What the admin API drives; the simulator implements it. */
export interface SimControls {
  latencyMs: number;
  stats(): SimStats;
  files(): FileSummary[];
  setFault(route: SimRoute, fault: RouteFault): void;
  clearFaults(): void;
  rejectNextApiCalls(n: number): void;
  revokeIssuedTokens(): void;
  setTokenLifetime(seconds: number): void;
  setIdentityOutcome(outcome: Partial<IdentityOutcome>): void;
  reset(): void;
}

type Body = Record<string, unknown>;
type AdminAction = (sim: SimControls, body: Body) => string | void; // a problem, or nothing when done

const isCount = (v: unknown): v is number => Number.isInteger(v) && Number(v) >= 0;
const isOptionalString = (v: unknown): v is string | undefined =>
  v === undefined || typeof v === 'string';

const ACTIONS: Record<string, AdminAction> = {
  'POST /__sim/faults': (sim, { route, ...fault }) => {
    if (!isSimRoute(route)) return `route must be one of ${SIM_ROUTES.join(', ')}`;
    const problems = faultProblems(fault);
    if (problems.length > 0) return problems.join('; ');
    sim.setFault(route, fault);
  },
  'DELETE /__sim/faults': (sim) => sim.clearFaults(),
  'POST /__sim/reject-next-api-calls': (sim, { n }) =>
    isCount(n) ? sim.rejectNextApiCalls(n) : 'n must be a non-negative integer',
  'POST /__sim/revoke-tokens': (sim) => sim.revokeIssuedTokens(),
  'POST /__sim/token-lifetime': (sim, { seconds }) =>
    isCount(seconds) ? sim.setTokenLifetime(seconds) : 'seconds must be a non-negative integer',
  'POST /__sim/latency': (sim, { ms }) => {
    if (!(typeof ms === 'number' && ms >= 0 && Number.isFinite(ms)))
      return 'ms must be a non-negative number';
    sim.latencyMs = ms;
  },
  'POST /__sim/identity-outcome': (sim, { status, reason }) => {
    if (!isOptionalString(status) || !isOptionalString(reason))
      return 'status and reason must be strings';
    sim.setIdentityOutcome({ status, reason });
  },
  'POST /__sim/reset': (sim) => sim.reset(),
};

/** The unauthenticated admin API under /__sim, for out-of-process use (local runs, benchmarks). */
export function handleAdmin(ex: Exchange, sim: SimControls, method: string, path: string): void {
  if (method === 'GET' && path === '/__sim/stats') return sendJson(ex, 200, sim.stats());
  if (method === 'GET' && path === '/__sim/files') return sendJson(ex, 200, { files: sim.files() });
  const action = ACTIONS[`${method} ${path}`];
  if (!action) return sendError(ex, 404, 'not_found', 'No such admin route');
  let body: Body = {};
  if (ex.rawBody.trim() !== '') {
    if (!ex.json.ok || !isObject(ex.json.value))
      return sendError(ex, 400, 'invalid_json', 'The body must be a JSON object');
    body = ex.json.value;
  }
  const problem = action(sim, body);
  if (problem) return sendError(ex, 400, 'validation_failed', problem);
  sendJson(ex, 200, { ok: true });
}
