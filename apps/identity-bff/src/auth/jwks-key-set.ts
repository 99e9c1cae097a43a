import { Logger, LoggerService } from '@nestjs/common';
import {
  createLocalJWKSet,
  CryptoKey,
  errors,
  FlattenedJWSInput,
  JSONWebKeySet,
  JWSHeaderParameters,
  LocalJWKSet,
} from 'jose';
import { JwksTiming } from './jwks-timing';

/** No key set can be had: the JWKS endpoint fails and nothing usable is held. */
export class KeysUnavailableError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the identity provider key set cannot be fetched');
    this.name = 'KeysUnavailableError';
  }
}

/**
 * The identity provider's JWKS, fetched on first use and then held. A set held longer than
 * refreshIntervalMs keeps serving while it is refreshed in the background; a `kid` it lacks
 * refetches it. Fetches go one at a time and start at least minFetchIntervalMs apart, whatever
 * asks for them (so no flood of unknown `kid`s costs more); a failed fetch keeps the set held.
 */
export class JwksKeySet {
  private keys?: LocalJWKSet;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private fetchStartedAt = Number.NEGATIVE_INFINITY;
  private lastFetchFailed = false;
  private pending?: Promise<void>;

  constructor(
    private readonly uri: string,
    private readonly timing: JwksTiming,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly logger: Pick<LoggerService, 'warn'> = new Logger(JwksKeySet.name),
  ) {}

  /** jose's key resolver: the held key matching the token's `kid` and `alg`. */
  readonly getKey = async (
    header: JWSHeaderParameters,
    token: FlattenedJWSInput,
  ): Promise<CryptoKey> => {
    try {
      return await (
        await this.heldKeys()
      )(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      await this.refresh();
      if (this.lastFetchFailed) throw this.unavailable();
      return (await this.heldKeys())(header, token);
    }
  };

  /** The set held, fetched first when there is none; a stale one is refreshed in the background. */
  private async heldKeys(): Promise<LocalJWKSet> {
    if (!this.keys) await this.refresh();
    else if (this.timing.now() - this.loadedAt >= this.timing.refreshIntervalMs)
      void this.refresh();
    if (!this.keys) throw this.unavailable();
    return this.keys;
  }

  /** Joins the fetch under way, or starts one unless the last started too recently; never rejects. */
  private refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.timing.now() - this.fetchStartedAt < this.timing.minFetchIntervalMs) {
      return Promise.resolve();
    }
    this.fetchStartedAt = this.timing.now();
    this.pending = this.fetchKeySet()
      .then(
        (keys) => {
          this.keys = keys;
          this.loadedAt = this.timing.now();
          this.lastFetchFailed = false;
        },
        (error: unknown) => {
          this.lastFetchFailed = true;
          this.logger.warn(
            `JWKS fetch failed (${reasonOf(error)}); ${
              this.keys ? 'verifying with the keys held' : 'no keys held'
            } until a fetch succeeds`,
          );
        },
      )
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeySet(): Promise<LocalJWKSet> {
    const response = await this.fetchFn(this.uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.timing.fetchTimeoutMs),
    });
    if (!response.ok) throw new Error(`the JWKS endpoint answered ${response.status}`);
    return createLocalJWKSet((await response.json()) as JSONWebKeySet);
  }

  private unavailable(): KeysUnavailableError {
    const waitMs = this.fetchStartedAt + this.timing.minFetchIntervalMs - this.timing.now();
    return new KeysUnavailableError(Math.max(1, Math.ceil(waitMs / 1000)));
  }
}

function reasonOf(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
