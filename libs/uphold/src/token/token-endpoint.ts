import { Logger } from '@nestjs/common';
import { AxiosInstance } from 'axios';
import { basicCredentials } from '../http/form-encoding';
import { isObject, parseJson, retryAfterSecondsOf } from '../http/response-reading';
import { transportError } from '../http/transport-errors';
import { UpholdError } from '../uphold.error';
import { NO_TELEMETRY, TokenRequestOutcome, UpholdTelemetry } from '../uphold.telemetry';
import { UpholdModuleOptions } from '../uphold.options';
import { backoffMs, BackoffPolicy, sleep } from '../resilience/backoff';
import { Deadline } from '../resilience/deadline';

/** A token as the endpoint issued it; `requestedAt` starts its lifetime (the conservative end). */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
  requestedAt: number;
}

const RETRY: BackoffPolicy = { attempts: 3, baseMs: 200, maxMs: 2_000 };
/** An attempt is not started with less time than this left. */
const MIN_ATTEMPT_MS = 100;
/** How long a refusal of our credentials is remembered, so failing requests cannot storm the endpoint. */
export const CREDENTIALS_REFUSAL_MEMORY_MS = 5_000;

/** `POST /core/oauth2/token` with client credentials: bounded retries on 5xx and network errors. */
export class TokenEndpoint {
  private readonly logger = new Logger(TokenEndpoint.name);
  private refusedUntil = 0;
  private readonly body: string;
  private readonly authorization: string;

  private readonly timeoutMs: number;

  constructor(
    private readonly http: AxiosInstance,
    options: UpholdModuleOptions,
    private readonly telemetry: UpholdTelemetry = NO_TELEMETRY,
  ) {
    this.timeoutMs = options.timeoutMs;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scopes) form.set('scope', options.scopes);
    this.body = form.toString();
    this.authorization = basicCredentials(options.clientId, options.clientSecret);
  }

  /**
   * The longest one `requestToken()` can take. Every attempt and every backoff pause of the retry
   * policy runs within one deadline of the configured timeout (a pause that would leave no room
   * for another attempt is not taken), so however many attempts the policy allows, this is it.
   */
  get longestFetchMs(): number {
    return this.timeoutMs;
  }

  async requestToken(): Promise<IssuedToken> {
    if (Date.now() < this.refusedUntil) {
      throw new UpholdError(
        'auth_failed',
        'token endpoint refused the client credentials recently',
      );
    }
    const deadline = new Deadline(this.timeoutMs);
    for (let attempt = 1; ; attempt++) {
      try {
        const token = await this.attempt(deadline);
        this.telemetry.tokenRequest('issued');
        return token;
      } catch (error) {
        this.telemetry.tokenRequest(outcomeOf(error));
        const retryable = error instanceof UpholdError && isRetryable(error);
        if (!retryable || attempt >= RETRY.attempts) throw asUnavailable(error);
        const pause = backoffMs(attempt, RETRY, error.retryAfterSeconds);
        if (!deadline.allows(pause, MIN_ATTEMPT_MS)) throw asUnavailable(error);
        await sleep(pause);
      }
    }
  }

  private async attempt(deadline: Deadline): Promise<IssuedToken> {
    const requestedAt = Date.now();
    const response = await this.http
      .post<string>('/core/oauth2/token', this.body, {
        timeout: Math.max(1, deadline.remainingMs()),
        headers: {
          Authorization: this.authorization,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
      })
      .catch((error: unknown) => {
        throw transportError(error, 'token request');
      });
    const { status } = response;
    if (status >= 500 || status === 429) {
      throw new UpholdError('unavailable', `token endpoint answered ${status}`, {
        status,
        retryAfterSeconds: retryAfterSecondsOf(response),
      });
    }
    if (status >= 400) {
      this.refusedUntil = Date.now() + CREDENTIALS_REFUSAL_MEMORY_MS;
      this.logger.error(`token endpoint refused the client credentials (${status})`);
      throw new UpholdError('auth_failed', `token endpoint answered ${status}`, { status });
    }
    return { ...readToken(parseJson(response.data), status), requestedAt };
  }
}

function readToken(body: unknown, status: number): Omit<IssuedToken, 'requestedAt'> {
  const token = isObject(body) ? body.access_token : undefined;
  const expiresIn = isObject(body) ? body.expires_in : undefined;
  const usable = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0;
  if (typeof token !== 'string' || token.length === 0 || !usable) {
    throw new UpholdError('bad_response', 'token endpoint answer has no usable token', { status });
  }
  return { accessToken: token, expiresInSeconds: expiresIn };
}

/** Each HTTP attempt is reported, retries included; a refusal remembered from before sends none. */
function outcomeOf(error: unknown): TokenRequestOutcome {
  if (!(error instanceof UpholdError)) return 'unavailable';
  if (error.kind === 'auth_failed') return 'refused';
  return error.kind === 'bad_response' ? 'bad_response' : 'unavailable';
}

function isRetryable(error: UpholdError): boolean {
  return ['unavailable', 'timeout', 'server_error'].includes(error.kind);
}

/** After the retries, any failure to reach the token endpoint is "unavailable" (contract §4). */
function asUnavailable(error: unknown): unknown {
  if (!(error instanceof UpholdError) || !isRetryable(error) || error.kind === 'unavailable') {
    return error;
  }
  return new UpholdError('unavailable', error.message, { cause: error, status: error.status });
}
