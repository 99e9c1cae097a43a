import { UpholdErrorKind } from './uphold.error';

/** The upstream calls the client makes, as metric labels. */
export type UpstreamOperation = 'get_kyc' | 'update_identity' | 'create_file';
/** `ok` for a 2xx answer; otherwise the error the call ended with. */
export type UpstreamOutcome = 'ok' | UpholdErrorKind;
export type TokenRequestOutcome = 'issued' | 'refused' | 'unavailable' | 'bad_response';
export type TokenCacheTier = 'memory' | 'redis';
export type TokenLookupResult = 'hit' | 'miss' | 'error';
export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * What libs/uphold reports about itself; the app turns it into Prometheus metrics.
 * Every method must be cheap and must never throw: some are called on every request.
 */
export interface UpholdTelemetry {
  upstreamCall(operation: UpstreamOperation, outcome: UpstreamOutcome, seconds: number): void;
  tokenRequest(outcome: TokenRequestOutcome): void;
  tokenLookup(tier: TokenCacheTier, result: TokenLookupResult): void;
  /** Time a replica spent waiting for another one's token under the cluster lock. */
  lockWait(seconds: number): void;
  /** Age of the token each upstream call is sent with. */
  tokenAgeAtUse(seconds: number): void;
  redisUp(up: boolean): void;
  circuitState(state: CircuitState): void;
}

/** Provide this token (e.g. from a global metrics module) to receive the reports; optional. */
export const UPHOLD_TELEMETRY = Symbol('UPHOLD_TELEMETRY');

export const NO_TELEMETRY: UpholdTelemetry = {
  upstreamCall: () => undefined,
  tokenRequest: () => undefined,
  tokenLookup: () => undefined,
  lockWait: () => undefined,
  tokenAgeAtUse: () => undefined,
  redisUp: () => undefined,
  circuitState: () => undefined,
};
