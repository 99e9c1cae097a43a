import { MemoryTokenStore } from './memory-token-store';
import { TokenCipher } from './token-cipher';
import { IssuedToken, TokenEndpoint } from './token-endpoint';
import { TokenService } from './token.service';

const KEY = 'identity-bff:uphold-token:test';

/** A token endpoint stand-in that issues numbered tokens, optionally slowly. */
class CountingEndpoint {
  calls = 0;
  delayMs = 0;
  lifetimeSeconds = 600;
  async requestToken(): Promise<IssuedToken> {
    this.calls++;
    const requestedAt = Date.now();
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return {
      accessToken: `token-${this.calls}`,
      expiresInSeconds: this.lifetimeSeconds,
      requestedAt,
    };
  }
}

function serviceWith(endpoint: CountingEndpoint, store = new MemoryTokenStore()) {
  const timings = { lockTtlMs: 1_000, lockWaitMs: 500, lockPollMs: 5, refreshRetryMs: 50 };
  const cipher = new TokenCipher('secret', KEY);
  const service = new TokenService(
    store,
    endpoint as unknown as TokenEndpoint,
    cipher,
    KEY,
    60,
    timings,
  );
  return { service, store };
}

describe('TokenService', () => {
  it('fetches once for many concurrent callers (single flight)', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 20;
    const { service } = serviceWith(endpoint);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => service.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(endpoint.calls).toBe(1);
  });

  it('replaces a rejected token once, however many callers report it', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint);
    const first = await service.getAccessToken();
    const next = await Promise.all(
      Array.from({ length: 10 }, () => service.replaceRejected(first)),
    );
    expect(new Set(next)).toEqual(new Set(['token-2']));
    expect(endpoint.calls).toBe(2);
  });

  it('does not drop a newer token when an old one is reported late', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint);
    const first = await service.getAccessToken();
    await service.replaceRejected(first);
    expect(await service.replaceRejected(first)).toBe('token-2');
    expect(endpoint.calls).toBe(2);
  });

  it('waits for a lock holder in another process instead of fetching too', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    await store.tryLock(`${KEY}:lock`, 'another-replica', 1_000);
    const { service } = serviceWith(endpoint, store);
    const pending = service.getAccessToken();
    const cipher = new TokenCipher('secret', KEY);
    const now = Date.now();
    const theirs = {
      accessToken: 'theirs',
      issuedAt: now,
      refreshAt: now + 60_000,
      expiresAt: now + 90_000,
    };
    await store.set(KEY, cipher.seal('theirs', JSON.stringify(theirs)), 90_000);
    expect(await pending).toBe('theirs');
    expect(endpoint.calls).toBe(0);
  });

  it('fetches itself once the lock wait is over (the holder died)', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    await store.tryLock(`${KEY}:lock`, 'dead-replica', 10_000);
    const { service } = serviceWith(endpoint, store);
    expect(await service.getAccessToken()).toBe('token-1');
    expect(endpoint.calls).toBe(1);
  });

  it('keeps serving when the store fails', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const failing = Object.assign(store, {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      tryLock: () => Promise.reject(new Error('down')),
    });
    const { service } = serviceWith(endpoint, failing);
    expect(await service.getAccessToken()).toBe('token-1');
    expect(await service.getAccessToken()).toBe('token-1');
    expect(endpoint.calls).toBe(1);
  });

  it('never returns an expired token', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.lifetimeSeconds = 0.1;
    const { service } = serviceWith(endpoint);
    expect(await service.getAccessToken()).toBe('token-1');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await service.getAccessToken()).toBe('token-2');
  });
});
