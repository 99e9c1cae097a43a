import { Logger } from '@nestjs/common';
import { Deadline } from '../resilience/deadline';
import { UpholdError } from '../uphold.error';
import { HeldToken } from './held-token';
import { MemoryTokenStore } from './memory-token-store';
import { TokenCipher } from './token-cipher';
import { IssuedToken, TokenEndpoint } from './token-endpoint';
import { FRESH_TOKEN_REFUSAL_MEMORY_MS, TokenService } from './token.service';

const KEY = 'identity-bff:uphold-token:test';

/** A token endpoint stand-in that issues numbered tokens, optionally slowly. */
class CountingEndpoint {
  calls = 0;
  delayMs = 0;
  lifetimeSeconds = 600;
  failure?: Error;
  async requestToken(): Promise<IssuedToken> {
    this.calls++;
    if (this.failure) throw this.failure;
    const requestedAt = Date.now();
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return {
      accessToken: `token-${this.calls}`,
      expiresInSeconds: this.lifetimeSeconds,
      requestedAt,
    };
  }
}

const TIMINGS = { lockTtlMs: 1_000, lockWaitMs: 100, lockPollMs: 5, refreshRetryMs: 50 };
const cipher = new TokenCipher('secret', KEY);
const LOCK = `${KEY}:lock`;
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store that cannot be reached: every command fails. */
function unreachableStore(): MemoryTokenStore {
  const down = () => Promise.reject(new Error('down'));
  return Object.assign(new MemoryTokenStore(), {
    get: down,
    set: down,
    tryLock: down,
    unlock: down,
    deleteIfStartsWith: down,
  });
}

/** A token another replica sealed into the store, valid for a while. */
function sealedToken(accessToken: string, lifetimeMs = 90_000, refreshInMs = 60_000): string {
  const now = Date.now();
  const token: HeldToken = {
    accessToken,
    issuedAt: now,
    refreshAt: now + refreshInMs,
    expiresAt: now + lifetimeMs,
  };
  return cipher.seal(accessToken, JSON.stringify(token));
}

function serviceWith(
  endpoint: CountingEndpoint,
  store = new MemoryTokenStore(),
  timings = TIMINGS,
) {
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

/** Lets the background writes (share, unlock) that follow a load settle. */
const settled = () => later(10);

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

  it('fetches once for many concurrent callers even when the store is down (single flight in the process)', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 20;
    const { service } = serviceWith(endpoint, unreachableStore());
    const tokens = await Promise.all(Array.from({ length: 20 }, () => service.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(endpoint.calls).toBe(1);
  });

  it('starts a new load once the last one failed (the failure is not kept)', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.failure = new Error('endpoint down');
    const { service } = serviceWith(endpoint);
    await expect(service.getAccessToken()).rejects.toThrow('endpoint down');
    endpoint.failure = undefined;
    expect(await service.getAccessToken()).toBe('token-2');
  });

  it('shares the token it fetched, sealed, with a TTL that ends at its expiry, and frees the lock', async () => {
    const endpoint = new CountingEndpoint();
    const { service, store } = serviceWith(endpoint);
    await service.getAccessToken();
    await settled();
    const value = await store.get(KEY);
    expect(value?.startsWith(cipher.prefixFor('token-1'))).toBe(true);
    expect(JSON.parse(cipher.open(String(value)) ?? '{}')).toMatchObject({
      accessToken: 'token-1',
    });
    expect(await store.get(LOCK)).toBeNull();
    expect(await store.tryLock(LOCK, 'next', 1_000)).toBe(true);
  });

  it('uses a token another replica shared instead of fetching', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    await store.set(KEY, sealedToken('theirs'), 90_000);
    const { service } = serviceWith(endpoint, store);
    expect(await service.getAccessToken()).toBe('theirs');
    expect(endpoint.calls).toBe(0);
  });

  it('ignores a shared token that is expired, unreadable or sealed with another secret', async () => {
    for (const value of [
      sealedToken('expired', -1, -2),
      'v2.garbage.value',
      new TokenCipher('other-secret', KEY).seal('foreign', '{}'),
    ]) {
      const endpoint = new CountingEndpoint();
      const store = new MemoryTokenStore();
      await store.set(KEY, value, 90_000);
      const { service } = serviceWith(endpoint, store);
      expect(await service.getAccessToken()).toBe('token-1');
      expect(endpoint.calls).toBe(1);
    }
  });

  it('takes the token a replica shared while it was taking the lock, instead of fetching', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const tryLock = store.tryLock.bind(store);
    store.tryLock = async (key, owner, ttlMs) => {
      await store.set(KEY, sealedToken('raced'), 90_000); // shared just before the lock was free
      return tryLock(key, owner, ttlMs);
    };
    const { service } = serviceWith(endpoint, store);
    expect(await service.getAccessToken()).toBe('raced');
    expect(endpoint.calls).toBe(0);
    await settled();
    expect(await store.get(LOCK)).toBeNull();
  });

  it('frees the lock when the fetch fails, so another replica can try at once', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.failure = new Error('endpoint down');
    const { service, store } = serviceWith(endpoint);
    await expect(service.getAccessToken()).rejects.toThrow('endpoint down');
    await settled();
    expect(await store.get(LOCK)).toBeNull();
  });

  it('takes the lock for lockTtlMs', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const ttls: number[] = [];
    const tryLock = store.tryLock.bind(store);
    store.tryLock = (key, owner, ttlMs) => {
      ttls.push(ttlMs);
      return tryLock(key, owner, ttlMs);
    };
    await serviceWith(endpoint, store, { ...TIMINGS, lockTtlMs: 4_321 }).service.getAccessToken();
    expect(ttls).toEqual([4_321]);
  });

  it('waits for the lock holder as long as lockWaitMs allows, then fetches itself', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    await store.tryLock(LOCK, 'slow-replica', 10_000);
    const timings = { ...TIMINGS, lockWaitMs: 300 };
    const { service } = serviceWith(endpoint, store, timings);
    const pending = service.getAccessToken();
    await later(50);
    expect(endpoint.calls).toBe(0); // still waiting within lockWaitMs
    expect(await pending).toBe('token-1');
    expect(endpoint.calls).toBe(1);
  });

  it('gives up on the request at its deadline while the load goes on for the next callers', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 100;
    const { service } = serviceWith(endpoint);
    const error = await service.getAccessToken(new Deadline(20)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpholdError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      notSent: true,
      message: 'no token from the token endpoint in time',
    });
    expect(await service.getAccessToken(new Deadline(1_000))).toBe('token-1');
    expect(endpoint.calls).toBe(1);
  });

  it('drops a rejected token from the shared store only while it still holds that token (compare-and-delete)', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const a = serviceWith(endpoint, store).service;
    const b = serviceWith(endpoint, store).service;
    const first = await a.getAccessToken();
    await settled();
    expect(await b.getAccessToken()).toBe(first);
    expect(await a.replaceRejected(first)).toBe('token-2');
    await settled();
    const shared = await store.get(KEY);
    expect(await b.replaceRejected(first)).toBe('token-2'); // b reports the old token late
    expect(await store.get(KEY)).toBe(shared);
    expect(endpoint.calls).toBe(2);
  });

  it('drops the rejected token from the shared store', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const deleted: string[] = [];
    const deleteIfStartsWith = store.deleteIfStartsWith.bind(store);
    store.deleteIfStartsWith = (key, prefix) => {
      if (key === KEY) deleted.push(prefix); // unlocking deletes too
      return deleteIfStartsWith(key, prefix);
    };
    const { service } = serviceWith(endpoint, store);
    const first = await service.getAccessToken();
    await service.replaceRejected(first);
    expect(deleted).toEqual([cipher.prefixFor(first)]);
  });

  it('never takes a rejected token back from the shared store, even if it is still there', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const deleteIfStartsWith = store.deleteIfStartsWith.bind(store);
    store.deleteIfStartsWith = (key, prefix) =>
      key === KEY ? Promise.resolve(false) : deleteIfStartsWith(key, prefix); // the drop did not happen
    const { service } = serviceWith(endpoint, store);
    const first = await service.getAccessToken();
    await settled();
    expect(await service.replaceRejected(first)).toBe('token-2');
    expect(await service.getAccessToken()).toBe('token-2');
  });

  it('does not hold on to a token rejected while its load was under way', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 30;
    const { service } = serviceWith(endpoint, unreachableStore());
    const loading = service.getAccessToken();
    await later(5);
    const replaced = service.replaceRejected('token-1'); // reported before its load ended
    expect(await loading).toBe('token-1');
    expect(await replaced).toBe('token-2');
    expect(await service.getAccessToken()).toBe('token-2');
  });

  it('remembers, for a few seconds, that a fresh token was refused too', () => {
    const { service } = serviceWith(new CountingEndpoint());
    expect(service.mayReplaceRejected()).toBe(true);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      service.noteFreshTokenRefused();
      expect(service.mayReplaceRejected()).toBe(false);
      clock.mockReturnValue(now + FRESH_TOKEN_REFUSAL_MEMORY_MS - 1);
      expect(service.mayReplaceRejected()).toBe(false);
      clock.mockReturnValue(now + FRESH_TOKEN_REFUSAL_MEMORY_MS);
      expect(service.mayReplaceRejected()).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });

  it('refreshes ahead in the background once, while callers keep the current token', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 20;
    const { service } = serviceWith(endpoint);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      expect(await service.getAccessToken()).toBe('token-1'); // usable 540 s, refreshed after 405 s
      clock.mockReturnValue(start + 404_000);
      await service.getAccessToken();
      expect(endpoint.calls).toBe(1);
      clock.mockReturnValue(start + 405_000);
      const during = await Promise.all([service.getAccessToken(), service.getAccessToken()]);
      expect(during).toEqual(['token-1', 'token-1']);
      await later(60);
      expect(endpoint.calls).toBe(2);
      expect(await service.getAccessToken()).toBe('token-2');
    } finally {
      clock.mockRestore();
    }
  });

  it('pauses refreshRetryMs after a failed background refresh before the next one', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint, new MemoryTokenStore(), {
      ...TIMINGS,
      refreshRetryMs: 10_000,
    });
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await service.getAccessToken();
      endpoint.failure = new Error('endpoint down');
      clock.mockReturnValue(start + 410_000);
      await service.getAccessToken();
      await settled();
      expect(endpoint.calls).toBe(2);
      clock.mockReturnValue(start + 419_999);
      await service.getAccessToken();
      await settled();
      expect(endpoint.calls).toBe(2); // not again before refreshRetryMs
      clock.mockReturnValue(start + 420_000);
      expect(await service.getAccessToken()).toBe('token-1');
      await settled();
      expect(endpoint.calls).toBe(3);
    } finally {
      clock.mockRestore();
    }
  });

  it('writes the held token back when the store comes back, without replacing a newer one', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    let comeBack = () => undefined as void;
    Object.assign(store, { onAvailable: (listener: () => void) => (comeBack = listener) });
    const { service } = serviceWith(endpoint, store);
    await service.getAccessToken();
    await settled();
    await store.close(); // Redis restarted empty
    comeBack();
    await settled();
    const value = await store.get(KEY);
    expect(value?.startsWith(cipher.prefixFor('token-1'))).toBe(true);

    await store.set(KEY, sealedToken('newer'), 90_000);
    comeBack();
    await settled();
    expect((await store.get(KEY))?.startsWith(cipher.prefixFor('newer'))).toBe(true);
  });

  it('writes nothing back when it holds no usable token', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    let comeBack = () => undefined as void;
    Object.assign(store, { onAvailable: (listener: () => void) => (comeBack = listener) });
    serviceWith(endpoint, store);
    comeBack();
    await settled();
    expect(await store.get(KEY)).toBeNull();
  });

  it('serves a token from memory until its expiry instant, never at it', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint, unreachableStore());
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await service.getAccessToken(); // usable 600 s - 60 s skew
      clock.mockReturnValue(start + 540_000);
      expect(await service.getAccessToken()).toBe('token-2');
    } finally {
      clock.mockRestore();
    }
  });

  it('takes a shared token until its expiry instant, never at it', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      for (const [expiresInMs, expected] of [
        [1, 'theirs'],
        [0, 'token-1'],
      ] as const) {
        const endpoint = new CountingEndpoint();
        const store = new MemoryTokenStore();
        await store.set(KEY, sealedToken('theirs', expiresInMs, -1), 90_000);
        const { service } = serviceWith(endpoint, store);
        expect(await service.getAccessToken()).toBe(expected);
      }
    } finally {
      clock.mockRestore();
    }
  });

  it('takes a shared token due for refresh while it is still usable (another replica refreshes it)', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    await store.set(KEY, sealedToken('theirs', 90_000, -1), 90_000);
    const { service } = serviceWith(endpoint, store);
    expect(await service.getAccessToken()).toBe('theirs');
    expect(endpoint.calls).toBe(0);
  });

  it('shares a token for exactly the rest of its usable life', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const ttls: number[] = [];
    const set = store.set.bind(store);
    store.set = (key, value, ttlMs, options) => (ttls.push(ttlMs), set(key, value, ttlMs, options));
    const { service } = serviceWith(endpoint, store);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      await service.getAccessToken();
      await settled();
      expect(ttls).toEqual([540_000]); // 600 s - 60 s skew
    } finally {
      clock.mockRestore();
    }
  });

  it('replaces a refused token with a single fetch even when the store is down', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint, unreachableStore());
    const first = await service.getAccessToken();
    expect(await service.replaceRejected(first)).toBe('token-2');
    expect(endpoint.calls).toBe(2);
  });

  it('fetches a fresh token when the endpoint hands back the refused one, not one due for refresh', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const { service } = serviceWith(endpoint, store);
    const first = await service.getAccessToken();
    await settled();
    const issue = endpoint.requestToken.bind(endpoint);
    let handedBack = false;
    endpoint.requestToken = () => {
      if (handedBack) return issue();
      handedBack = true;
      return Promise.resolve({
        accessToken: first,
        expiresInSeconds: 600,
        requestedAt: Date.now(),
      });
    };
    const set = store.set.bind(store);
    store.set = (key, value, ttlMs, options) =>
      value.startsWith(cipher.prefixFor(first)) // another replica's token, due for refresh, lands last
        ? set(key, sealedToken('due', 90_000, -1), 90_000)
        : set(key, value, ttlMs, options);
    expect(await service.replaceRejected(first)).toBe('token-2');
  });

  it('does not keep a token refused while its load was under way, even when nobody replaced it', async () => {
    const endpoint = new CountingEndpoint();
    endpoint.delayMs = 30;
    const { service } = serviceWith(endpoint, unreachableStore());
    const loading = service.getAccessToken();
    await later(5);
    await expect(service.replaceRejected('token-1', new Deadline(5))).rejects.toThrow(UpholdError);
    expect(await loading).toBe('token-1');
    expect(await service.getAccessToken()).toBe('token-2');
  });

  it('remembers the last 8 refused tokens, and only those', async () => {
    const endpoint = new CountingEndpoint();
    const store = new MemoryTokenStore();
    const { service } = serviceWith(endpoint, store);
    const realNow = Date.now.bind(Date);
    let aheadMs = 0; // the clock keeps running, so that a lock wait always ends
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + aheadMs);
    try {
      let token = await service.getAccessToken();
      for (let i = 0; i < 9; i++) token = await service.replaceRejected(token); // token-1 to 9 refused
      expect(token).toBe('token-10');
      await settled();
      aheadMs = 600_000; // token-10 expired: the next caller reads the store
      await store.set(KEY, sealedToken('token-2'), 90_000); // the 8th most recent refusal
      expect(await service.getAccessToken()).toBe('token-11');
      await settled();
      aheadMs = 1_200_000;
      await store.set(KEY, sealedToken('token-1'), 90_000); // the 9th: forgotten
      expect(await service.getAccessToken()).toBe('token-1');
    } finally {
      clock.mockRestore();
    }
  });
});

describe('TokenService warnings', () => {
  let warnings: string[];
  let infos: string[];

  beforeEach(() => {
    warnings = [];
    infos = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation((message: unknown) => void infos.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('warns, naming the action and the cause, each time the store fails', async () => {
    const { service } = serviceWith(new CountingEndpoint(), unreachableStore());
    const first = await service.getAccessToken();
    await service.replaceRejected(first);
    await settled();
    expect(warnings).toEqual([
      'token store unavailable, could not read the token: down',
      'token store unavailable, could not share the token: down',
      'token store unavailable, could not drop a rejected token: down',
      'token store unavailable, could not read the token: down',
      'token store unavailable, could not share the token: down',
    ]);
  });

  it('warns when it cannot take the lock, and fetches without it', async () => {
    const store = new MemoryTokenStore();
    store.tryLock = () => Promise.reject('ECONNRESET'); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    const { service } = serviceWith(new CountingEndpoint(), store);
    expect(await service.getAccessToken()).toBe('token-1');
    expect(warnings).toEqual([
      'token store unavailable, could not take the token lock: ECONNRESET',
    ]);
  });

  it('warns when it cannot release the lock', async () => {
    const store = new MemoryTokenStore();
    store.unlock = () => Promise.reject(new Error('timed out'));
    const { service } = serviceWith(new CountingEndpoint(), store);
    await service.getAccessToken();
    await settled();
    expect(warnings).toEqual([
      'token store unavailable, could not release the token lock: timed out',
    ]);
  });

  it('warns when a background refresh fails', async () => {
    const endpoint = new CountingEndpoint();
    const { service } = serviceWith(endpoint);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await service.getAccessToken();
      endpoint.failure = new Error('endpoint down');
      clock.mockReturnValue(start + 410_000);
      await service.getAccessToken();
      await settled();
      expect(warnings).toEqual(['background token refresh failed: endpoint down']);
    } finally {
      clock.mockRestore();
    }
  });

  it('stops waiting for a lock holder that never shares a token, and says so', async () => {
    const store = new MemoryTokenStore();
    await store.tryLock(LOCK, 'stuck-replica', 3_600_000);
    const { service } = serviceWith(new CountingEndpoint(), store);
    expect(await service.getAccessToken()).toBe('token-1');
    expect(warnings).toEqual([
      'waited too long for another replica to fetch the token; fetching here',
    ]);
  }, 5_000); // waits lockWaitMs (100 ms), not forever

  it('says when it wrote the token back, and warns when it could not', async () => {
    const store = new MemoryTokenStore();
    let comeBack = () => undefined as void;
    Object.assign(store, { onAvailable: (listener: () => void) => (comeBack = listener) });
    const { service } = serviceWith(new CountingEndpoint(), store);
    await service.getAccessToken();
    await store.close();
    comeBack();
    await settled();
    expect(infos).toEqual(['token store is back: wrote the held token back']);
    store.set = () => Promise.reject(new Error('down again'));
    comeBack();
    await settled();
    expect(warnings).toEqual([
      'token store unavailable, could not write the token back: down again',
    ]);
  });
});

describe('TokenService writing the token back', () => {
  it('writes the held token back for the rest of its usable life, and an expired one never', async () => {
    const store = new MemoryTokenStore();
    let comeBack = () => undefined as void;
    Object.assign(store, { onAvailable: (listener: () => void) => (comeBack = listener) });
    const { service } = serviceWith(new CountingEndpoint(), store);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await service.getAccessToken(); // usable until start + 540 s
      await settled();
      const writes: { ttlMs: number; onlyIfAbsent?: boolean }[] = [];
      store.set = (_key, _value, ttlMs, options) => {
        writes.push({ ttlMs, ...options });
        return Promise.resolve();
      };
      clock.mockReturnValue(start + 100_000);
      comeBack();
      await settled();
      expect(writes).toEqual([{ ttlMs: 440_000, onlyIfAbsent: true }]);
      clock.mockReturnValue(start + 540_000);
      comeBack();
      await settled();
      expect(writes).toHaveLength(1);
    } finally {
      clock.mockRestore();
    }
  });
});
