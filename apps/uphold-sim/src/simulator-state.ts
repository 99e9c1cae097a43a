import type { SimControls, SimStats } from './admin-routes';
import { FaultBook, type RouteFault, type SimRoute } from './faults';
import { FileBook, MAX_UPLOAD_BYTES, type FileSummary } from './file-book';
import type { IdentityOutcome, KycState } from './kyc-routes';
import type { RecordedRequest, SimulatorOptions } from './sim-types';
import type { TokenEndpointState } from './token-endpoint';
import { TokenStore } from './token-store';
import { uploadIdOf } from './upload-receiver';
import type { IdentityProcess } from './upstream-shapes';

const ROUTES: Record<string, SimRoute | undefined> = {
  'POST /core/oauth2/token': 'token',
  'GET /core/kyc': 'getKyc',
  'PATCH /core/kyc/processes/identity': 'patchIdentity',
  'POST /core/files': 'createFile',
};
export const routeOf = (method: string, path: string): SimRoute | undefined =>
  ROUTES[`${method} ${path}`] ?? (method === 'POST' && uploadIdOf(path) ? 'upload' : undefined);

const zeroCounts = (): Record<SimRoute, number> => ({
  token: 0,
  getKyc: 0,
  patchIdentity: 0,
  createFile: 0,
  upload: 0,
});
const DEFAULT_OUTCOME: IdentityOutcome = { status: 'ok' };
const DEFAULT_TOKEN_LIFETIME_SECONDS = 600;

/** Everything the simulator remembers and the knobs that change it; the HTTP side is in simulator.ts. */
export abstract class SimulatorState implements SimControls {
  readonly requests: RecordedRequest[] = [];
  latencyMs: number;
  protected readonly faults = new FaultBook();
  protected counts = zeroCounts();
  protected pendingRejections = 0;
  protected readonly state: TokenEndpointState &
    KycState & { tokenLifetimeSeconds: number; identityOutcome: IdentityOutcome };

  constructor(protected readonly options: SimulatorOptions) {
    this.latencyMs = options.latencyMs ?? 0;
    this.state = {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      tokens: new TokenStore(),
      identities: new Map<string, IdentityProcess>(),
      identityOutcome: DEFAULT_OUTCOME,
      files: new FileBook(
        { ...MAX_UPLOAD_BYTES, ...options.maxUploadBytes },
        options.uploadedFileIds ?? [],
      ),
    };
  }

  tokenRequestCount(): number {
    return this.counts.token;
  }

  requestsTo(route: SimRoute): RecordedRequest[] {
    return this.requests.filter((r) => routeOf(r.method, r.path) === route);
  }

  stats(): SimStats {
    return { tokenRequests: this.counts.token, requests: { ...this.counts } };
  }

  /** Every upload slot and file known, with its status (`pending`, then `uploaded`). */
  files(): FileSummary[] {
    return this.state.files.list();
  }

  setFault(route: SimRoute, fault: RouteFault): void {
    this.faults.set(route, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** The next n API calls (not token requests) answer 401 token_invalid, whatever their token. */
  rejectNextApiCalls(n: number): void {
    this.pendingRejections = n;
  }

  revokeIssuedTokens(): void {
    this.state.tokens.revokeAll();
  }

  /** Applies to tokens issued from now on. */
  setTokenLifetime(seconds: number): void {
    if (!(Number.isFinite(seconds) && seconds >= 0))
      throw new RangeError('token lifetime must be >= 0');
    this.state.tokenLifetimeSeconds = seconds;
  }

  setIdentityOutcome(outcome: { status?: string; reason?: string }): void {
    this.state.identityOutcome = { status: outcome.status ?? 'ok', reason: outcome.reason };
  }

  /** Back to the state after construction; issued tokens stay valid, so a client's cached token keeps working. */
  reset(): void {
    this.requests.length = 0;
    this.counts = zeroCounts();
    this.faults.clear();
    this.pendingRejections = 0;
    this.state.tokens.forgetRevocations();
    this.state.identities.clear();
    this.state.files.reset();
    this.state.identityOutcome = DEFAULT_OUTCOME;
    this.state.tokenLifetimeSeconds =
      this.options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    this.latencyMs = this.options.latencyMs ?? 0;
  }
}
