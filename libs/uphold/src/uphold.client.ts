import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { HttpAnswer } from './http/node-http-transport';
import { parseJson, upstreamRequestIdOf } from './http/response-reading';
import { transportError } from './http/transport-errors';
import { UpstreamSender } from './http/upstream-http';
import { backoffMs, BackoffPolicy, sleep } from './resilience/backoff';
import { Deadline } from './resilience/deadline';
import { UpstreamCircuit } from './resilience/upstream-circuit';
import { TokenService } from './token/token.service';
import { readUpstreamError } from './uphold-error.reader';
import { UpholdError } from './uphold.error';
import { UpholdTelemetry, UpstreamOperation } from './uphold.telemetry';
import {
  CreateFileRequest,
  CreateFileResponse,
  KycOverview,
  UpdateIdentityRequest,
  UpdateIdentityResponse,
  UserContext,
} from './uphold.types';

/** An upstream answer with the id Uphold gave it, for correlation. */
export interface UpholdResult<T> {
  data: T;
  upstreamRequestId?: string;
}

export interface UpholdClientOptions {
  /** One budget per call: token wait, every attempt and every pause between them. */
  timeoutMs: number;
  retry: BackoffPolicy;
}

export const DEFAULT_UPSTREAM_RETRY: BackoffPolicy = { attempts: 3, baseMs: 100, maxMs: 1_000 };

/** Attempts are not started with less time than this left: they could only time out. */
const MIN_ATTEMPT_MS = 50;
/** Gateway statuses worth another try: the request most likely never reached the application. */
const RETRIED_STATUSES = new Set([502, 503, 504]);
const USER_AGENT = 'identity-bff';
const LABELS: Record<UpstreamOperation, string> = {
  get_kyc: 'get KYC overview',
  update_identity: 'update identity',
  create_file: 'create file',
};

/** An answer with the token it was sent with. */
interface Sent {
  response: HttpAnswer;
  token: string;
}

/** What is sent, but for the per-attempt headers (user context, token) and timeout. */
interface CallRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Call {
  operation: UpstreamOperation;
  request: CallRequest;
  /** GET: safe to repeat. Writes are repeated only when they provably never left. */
  idempotent: boolean;
}

/**
 * Typed calls to the Core API on behalf of one user, within one deadline: retries with jittered
 * backoff, a circuit breaker, and one fresh token after a 401.
 */
export class UpholdClient {
  private readonly logger = new Logger(UpholdClient.name);

  constructor(
    private readonly http: UpstreamSender,
    private readonly tokens: TokenService,
    private readonly circuit: UpstreamCircuit,
    private readonly options: UpholdClientOptions,
    private readonly telemetry: UpholdTelemetry,
  ) {}

  getKycOverview(user: UserContext): Promise<UpholdResult<KycOverview>> {
    const request = { method: 'GET', path: '/core/kyc?detailed=identity' };
    return this.call(user, { operation: 'get_kyc', request, idempotent: true });
  }

  updateIdentity(
    user: UserContext,
    body: UpdateIdentityRequest,
  ): Promise<UpholdResult<UpdateIdentityResponse>> {
    const request = { method: 'PATCH', path: '/core/kyc/processes/identity', ...jsonBody(body) };
    return this.call(user, { operation: 'update_identity', request, idempotent: false });
  }

  createFile(
    user: UserContext,
    body: CreateFileRequest,
  ): Promise<UpholdResult<CreateFileResponse>> {
    const request = { method: 'POST', path: '/core/files', ...jsonBody(body) };
    return this.call(user, { operation: 'create_file', request, idempotent: false });
  }

  private async call<T>(user: UserContext, call: Call): Promise<UpholdResult<T>> {
    const started = performance.now();
    try {
      const result = await this.callWithin<T>(user, call, new Deadline(this.options.timeoutMs));
      this.telemetry.upstreamCall(call.operation, 'ok', seconds(started));
      return result;
    } catch (error) {
      const outcome = error instanceof UpholdError ? error.kind : 'server_error';
      this.telemetry.upstreamCall(call.operation, outcome, seconds(started));
      throw error;
    }
  }

  private async callWithin<T>(
    user: UserContext,
    call: Call,
    deadline: Deadline,
  ): Promise<UpholdResult<T>> {
    const label = LABELS[call.operation];
    const first = await this.sendWithRetries(user, call, deadline);
    if (first.response.status !== 401) return read<T>(first.response, label);
    if (!this.tokens.mayReplaceRejected()) {
      throw refused(`${label}: upstream refused a fresh token moments ago`, first.response);
    }
    const fresh = await this.tokens.replaceRejected(first.token, deadline);
    const second = await this.sendWithRetries(user, call, deadline, fresh);
    if (second.response.status === 401) {
      this.tokens.noteFreshTokenRefused();
      throw refused(`${label}: upstream refused a fresh token`, second.response);
    }
    return read<T>(second.response, label);
  }

  /** Each attempt takes a token that is valid for it (the first may be given): a retry never sends one that expired meanwhile. */
  private async sendWithRetries(
    user: UserContext,
    call: Call,
    deadline: Deadline,
    firstToken?: string,
  ): Promise<Sent> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt++) {
      const token =
        attempt === 1 && firstToken ? firstToken : await this.tokens.getAccessToken(deadline);
      try {
        const response = await this.circuit.run(
          () => this.send(user, call, token, deadline),
          LABELS[call.operation],
        );
        return { response, token };
      } catch (error) {
        if (!(error instanceof UpholdError) || attempt >= retry.attempts) throw error;
        if (!this.worthRetrying(error, call)) throw error;
        const pause = backoffMs(attempt, retry, error.retryAfterSeconds);
        if (!deadline.allows(pause, MIN_ATTEMPT_MS)) throw error;
        this.logger.warn(
          `retrying ${LABELS[call.operation]} after ${error.kind} (attempt ${attempt})`,
        );
        await sleep(pause);
      }
    }
  }

  private worthRetrying(error: UpholdError, call: Call): boolean {
    if (this.circuit.state === 'open') return false;
    if (error.notSent) return true;
    if (!call.idempotent) return false;
    if (error.kind === 'unavailable') return true;
    return (
      error.kind === 'server_error' &&
      (error.status === undefined || RETRIED_STATUSES.has(error.status))
    );
  }

  /** One attempt; a 5xx answer is thrown so that the circuit counts it and the retry loop sees it. */
  private async send(
    user: UserContext,
    call: Call,
    token: string,
    deadline: Deadline,
  ): Promise<HttpAnswer> {
    const { request } = call;
    let response: HttpAnswer;
    try {
      response = await this.http.send({
        ...request,
        timeoutMs: Math.max(1, deadline.remainingMs()), // 0 would mean no timeout at all
        headers: headersFor(user, token, request.headers),
      });
    } catch (error) {
      throw transportError(error, LABELS[call.operation]);
    }
    if (response.status >= 500) throw readUpstreamError(response, LABELS[call.operation]);
    return response;
  }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function jsonBody(body: object): Pick<CallRequest, 'body' | 'headers'> {
  return { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

/**
 * The call's own headers, then those that say whom it is for and carry the end user's context
 * (contract §3), then the token: no call header overrides them.
 */
function headersFor(
  user: UserContext,
  token: string,
  callHeaders?: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...callHeaders,
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
    'X-On-Behalf-Of': `user ${user.userId}`,
    'X-Request-Id': user.requestId,
  };
  if (user.ip) headers['X-Uphold-User-Ip'] = user.ip;
  if (user.userAgent) headers['X-Uphold-User-Agent'] = user.userAgent;
  if (user.origin) headers['X-Uphold-User-Origin'] = user.origin;
  if (user.acceptLanguage) headers['Accept-Language'] = user.acceptLanguage;
  headers.Authorization = `Bearer ${token}`;
  return headers;
}

function refused(message: string, response: HttpAnswer): UpholdError {
  return new UpholdError('auth_failed', message, {
    status: 401,
    upstreamRequestId: upstreamRequestIdOf(response),
  });
}

function read<T>(response: HttpAnswer, label: string): UpholdResult<T> {
  const upstreamRequestId = upstreamRequestIdOf(response);
  if (response.status >= 400) throw readUpstreamError(response, label);
  const data = parseJson(response.data);
  if (typeof data !== 'object' || data === null) {
    throw new UpholdError('bad_response', `${label}: answer is not a JSON object`, {
      status: response.status,
      upstreamRequestId,
    });
  }
  return { data: data as T, upstreamRequestId };
}
