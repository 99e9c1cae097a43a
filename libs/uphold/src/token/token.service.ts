import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Deadline } from '../resilience/deadline';
import { UpholdError } from '../uphold.error';
import { HeldToken, holdIssuedToken, parseHeldToken } from './held-token';
import { TokenCipher } from './token-cipher';
import { TokenEndpoint } from './token-endpoint';
import { TokenStore } from './token-store';
import { TokenServiceTimings } from './token-timings';
import { NO_TELEMETRY, TokenLookupResult, UpholdTelemetry } from '../uphold.telemetry';

type Need = 'usable' | 'fresh';
interface Lock {
  key: string;
  owner: string;
}
const REMEMBERED_REJECTIONS = 8;
/** How long a refusal of a fresh token is remembered, so a persistent upstream 401 cannot storm the token endpoint. */
export const FRESH_TOKEN_REFUSAL_MEMORY_MS = 5_000;

/**
 * The client-credentials token of contract §4: in memory first, then the shared store (sealed),
 * then the token endpoint, one request per process and, through a store lock, per cluster.
 */
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private held?: HeldToken;
  private pending?: Promise<HeldToken>;
  private nextRefreshAttemptAt = 0;
  private readonly rejected: string[] = [];
  private freshRefusedUntil = 0;

  constructor(
    private readonly store: TokenStore,
    private readonly endpoint: TokenEndpoint,
    private readonly cipher: TokenCipher,
    private readonly cacheKey: string,
    private readonly skewSeconds: number,
    private readonly timings: TokenServiceTimings,
    private readonly telemetry: UpholdTelemetry = NO_TELEMETRY,
  ) {
    store.onAvailable(() => void this.writeBack());
  }

  /**
   * A token that is safe to send now; waits on the endpoint only when none is held, and then no
   * longer than `deadline` (the load goes on for the next callers).
   */
  async getAccessToken(deadline?: Deadline): Promise<string> {
    const held = this.held;
    const now = Date.now();
    if (held && now < held.expiresAt) {
      this.telemetry.tokenLookup('memory', 'hit');
      if (now >= held.refreshAt) this.refreshAhead(now);
      this.telemetry.tokenAgeAtUse((now - held.issuedAt) / 1000);
      return held.accessToken;
    }
    this.telemetry.tokenLookup('memory', 'miss');
    return this.used(await this.within(deadline, this.obtain('usable')));
  }

  /** After the upstream refused `accessToken`: drop it everywhere it is still held, and get another. */
  async replaceRejected(accessToken: string, deadline?: Deadline): Promise<string> {
    const prefix = this.cipher.prefixFor(accessToken);
    this.rejected.push(prefix);
    if (this.rejected.length > REMEMBERED_REJECTIONS) this.rejected.shift();
    if (this.held?.accessToken === accessToken) this.held = undefined;
    await this.store
      .deleteIfStartsWith(this.cacheKey, prefix)
      .catch((error: unknown) => this.storeFailed('drop a rejected token', error));
    const next = await this.getAccessToken(deadline);
    if (next !== accessToken) return next;
    return this.used(await this.within(deadline, this.obtain('fresh')));
  }

  /** The upstream refused a freshly fetched token too: for a few seconds no 401 fetches another. */
  noteFreshTokenRefused(): void {
    this.freshRefusedUntil = Date.now() + FRESH_TOKEN_REFUSAL_MEMORY_MS;
  }

  /** Whether a token refused now may be replaced; false for a while after a fresh one was refused. */
  mayReplaceRejected(): boolean {
    return Date.now() >= this.freshRefusedUntil;
  }

  private within(deadline: Deadline | undefined, load: Promise<HeldToken>): Promise<HeldToken> {
    if (!deadline) return load;
    return deadline.race(load, () => {
      return new UpholdError('unavailable', 'no token from the token endpoint in time', {
        notSent: true,
      });
    });
  }

  private refreshAhead(now: number): void {
    if (this.pending || now < this.nextRefreshAttemptAt) return;
    this.obtain('fresh').catch((error: unknown) => {
      this.nextRefreshAttemptAt = Date.now() + this.timings.refreshRetryMs;
      this.logger.warn(`background token refresh failed: ${describe(error)}`);
    });
  }

  /** Single flight: every caller in this process shares one load. */
  private obtain(need: Need): Promise<HeldToken> {
    this.pending ??= this.load(need)
      .then((token) => this.hold(token))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** A load that began before a rejection may end with the rejected token: it is not held again. */
  private hold(token: HeldToken): HeldToken {
    if (!this.isRejected(this.cipher.prefixFor(token.accessToken))) this.held = token;
    return token;
  }

  private isRejected(value: string): boolean {
    return this.rejected.some((prefix) => value.startsWith(prefix));
  }

  private async load(need: Need): Promise<HeldToken> {
    const deadline = Date.now() + this.timings.lockWaitMs;
    const lock = { key: `${this.cacheKey}:lock`, owner: randomUUID() };
    let waitingSince: number | undefined;
    try {
      for (;;) {
        const shared = await this.readShared(need);
        if (shared === 'unreachable') return this.fetchAndShare(); // no lock dance on a dead Redis
        if (shared !== 'none') return shared;
        const locked = await this.store
          .tryLock(lock.key, lock.owner, this.timings.lockTtlMs)
          .catch((error: unknown) => this.storeFailed('take the token lock', error));
        if (locked !== false) return this.fetchAndShare(locked ? lock : undefined);
        if (Date.now() >= deadline) {
          this.logger.warn('waited too long for another replica to fetch the token; fetching here');
          return this.fetchAndShare();
        }
        waitingSince ??= Date.now();
        await sleep(this.timings.lockPollMs);
      }
    } finally {
      // runs as the loop is left, before a returned fetch settles: the fetch is not counted as waiting
      if (waitingSince !== undefined) this.telemetry.lockWait((Date.now() - waitingSince) / 1000);
    }
  }

  private async fetchAndShare(lock?: Lock): Promise<HeldToken> {
    try {
      const sharedMeanwhile = lock ? await this.readShared('fresh') : undefined;
      if (typeof sharedMeanwhile === 'object') {
        void this.share(undefined, lock);
        return sharedMeanwhile;
      }
      const token = holdIssuedToken(await this.endpoint.requestToken(), this.skewSeconds);
      void this.share(token, lock);
      return token;
    } catch (error) {
      void this.share(undefined, lock);
      throw error;
    }
  }

  /** Writes the token for the other replicas, then frees the lock; in the background, so a slow Redis never delays an answer. */
  private async share(token: HeldToken | undefined, lock?: Lock): Promise<void> {
    if (token) {
      const sealed = this.cipher.seal(token.accessToken, JSON.stringify(token));
      await this.store
        .set(this.cacheKey, sealed, token.expiresAt - Date.now())
        .catch((error: unknown) => this.storeFailed('share the token', error));
    }
    if (lock) {
      await this.store
        .unlock(lock.key, lock.owner)
        .catch((error: unknown) => this.storeFailed('release the token lock', error));
    }
  }

  /** When the store comes back (e.g. Redis restarted empty), the token held here goes back into it. */
  private async writeBack(): Promise<void> {
    const held = this.held;
    const ttlMs = held ? held.expiresAt - Date.now() : 0;
    if (!held || ttlMs <= 0) return;
    const sealed = this.cipher.seal(held.accessToken, JSON.stringify(held));
    await this.store
      .set(this.cacheKey, sealed, ttlMs, { onlyIfAbsent: true })
      .then(() => this.logger.log('token store is back: wrote the held token back'))
      .catch((error: unknown) => this.storeFailed('write the token back', error));
  }

  private async readShared(need: Need): Promise<HeldToken | 'none' | 'unreachable'> {
    let value: string | null;
    try {
      value = await this.store.get(this.cacheKey);
    } catch (error) {
      this.storeFailed('read the token', error);
      this.reportSharedLookup('error');
      return 'unreachable';
    }
    const token = value === null ? undefined : this.openShared(value);
    const now = Date.now();
    if (!token || now >= token.expiresAt || (need === 'fresh' && now >= token.refreshAt)) {
      this.reportSharedLookup('miss');
      return 'none';
    }
    this.reportSharedLookup('hit');
    return token;
  }

  private openShared(value: string): HeldToken | undefined {
    if (this.isRejected(value)) return undefined;
    const payload = this.cipher.open(value);
    // Stryker disable next-line ConditionalExpression: parseHeldToken refuses undefined as well
    return payload === undefined ? undefined : parseHeldToken(payload);
  }

  /** Lookups in the shared store count as the Redis tier; the in-process fallback store is not Redis. */
  private reportSharedLookup(result: TokenLookupResult): void {
    if (this.store.shared) this.telemetry.tokenLookup('redis', result);
  }

  private used(token: HeldToken): string {
    this.telemetry.tokenAgeAtUse((Date.now() - token.issuedAt) / 1000);
    return token.accessToken;
  }

  private storeFailed(action: string, error: unknown): undefined {
    this.logger.warn(`token store unavailable, could not ${action}: ${describe(error)}`);
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
