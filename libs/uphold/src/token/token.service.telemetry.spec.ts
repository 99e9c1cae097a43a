import { UpholdTelemetry } from '../uphold.telemetry';
import { HeldToken } from './held-token';
import { MemoryTokenStore } from './memory-token-store';
import { TokenCipher } from './token-cipher';
import { IssuedToken, TokenEndpoint } from './token-endpoint';
import { TokenService } from './token.service';

const KEY = 'identity-bff:uphold-token:test';
const TIMINGS = { lockTtlMs: 1_000, lockWaitMs: 500, lockPollMs: 5, refreshRetryMs: 50 };

/** Keeps the token lookups (as `tier:result`), ages and lock waits it is told about. */
class RecordingTelemetry implements UpholdTelemetry {
  readonly reports: string[] = [];
  readonly ages: number[] = [];
  readonly lockWaits: number[] = [];
  upstreamCall = () => undefined;
  tokenRequest = () => undefined;
  redisUp = () => undefined;
  circuitState = () => undefined;
  tokenLookup(tier: string, result: string): void {
    this.reports.push(`${tier}:${result}`);
  }
  lockWait(seconds: number): void {
    this.lockWaits.push(seconds);
  }
  tokenAgeAtUse(seconds: number): void {
    this.ages.push(seconds);
  }
}

const endpoint = {
  requestToken: (): Promise<IssuedToken> =>
    Promise.resolve({ accessToken: 'token', expiresInSeconds: 600, requestedAt: Date.now() }),
} as unknown as TokenEndpoint;

function serviceOn(store: MemoryTokenStore, telemetry: RecordingTelemetry): TokenService {
  const cipher = new TokenCipher('secret', KEY);
  return new TokenService(store, endpoint, cipher, KEY, 60, TIMINGS, telemetry);
}

/** The in-process store standing in for Redis, so lookups in it count as the Redis tier. */
const sharedStore = () => Object.assign(new MemoryTokenStore(), { shared: true });

describe('TokenService telemetry', () => {
  it('reports a memory miss then a shared-store (Redis) miss when cold, memory hits when warm', async () => {
    const telemetry = new RecordingTelemetry();
    const service = serviceOn(sharedStore(), telemetry);
    await service.getAccessToken();
    await service.getAccessToken();
    await service.getAccessToken();
    expect(telemetry.reports).toEqual([
      'memory:miss',
      'redis:miss', // before taking the lock
      'redis:miss', // under the lock, in case another replica shared one meanwhile
      'memory:hit',
      'memory:hit',
    ]);
  });

  it('reports a Redis hit when another replica already shared the token', async () => {
    const store = sharedStore();
    await serviceOn(store, new RecordingTelemetry()).getAccessToken();
    await new Promise((resolve) => setImmediate(resolve)); // the token is shared in the background
    const telemetry = new RecordingTelemetry();
    await serviceOn(store, telemetry).getAccessToken();
    expect(telemetry.reports).toEqual(['memory:miss', 'redis:hit']);
  });

  it('reports a Redis error when the shared store fails', async () => {
    const store = Object.assign(sharedStore(), { get: () => Promise.reject(new Error('down')) });
    const telemetry = new RecordingTelemetry();
    await serviceOn(store, telemetry).getAccessToken();
    expect(telemetry.reports).toEqual(['memory:miss', 'redis:error']);
  });

  it('does not report the in-process fallback store as the Redis tier', async () => {
    const telemetry = new RecordingTelemetry();
    await serviceOn(new MemoryTokenStore(), telemetry).getAccessToken();
    expect(telemetry.reports).toEqual(['memory:miss']);
  });

  it('reports the age of the token on every use', async () => {
    const telemetry = new RecordingTelemetry();
    const service = serviceOn(new MemoryTokenStore(), telemetry);
    await service.getAccessToken();
    await service.getAccessToken();
    expect(telemetry.ages).toHaveLength(2);
    for (const age of telemetry.ages) {
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(60);
    }
  });

  it('reports the time spent waiting for another replica under the lock, and only then', async () => {
    const store = sharedStore();
    await store.tryLock(`${KEY}:lock`, 'another-replica', 1_000);
    const telemetry = new RecordingTelemetry();
    const service = serviceOn(store, telemetry);
    const pending = service.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await store.unlock(`${KEY}:lock`, 'another-replica');
    await pending;
    expect(telemetry.lockWaits).toHaveLength(1);
    expect(telemetry.lockWaits[0]).toBeGreaterThan(0);

    const unlocked = new RecordingTelemetry();
    await serviceOn(sharedStore(), unlocked).getAccessToken();
    expect(unlocked.lockWaits).toEqual([]);
  });

  it('reports the age in seconds, from memory and from the store', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      const store = sharedStore();
      const theirs: HeldToken = {
        accessToken: 'theirs',
        issuedAt: start - 12_000,
        refreshAt: start + 60_000,
        expiresAt: start + 90_000,
      };
      const cipher = new TokenCipher('secret', KEY);
      await store.set(KEY, cipher.seal('theirs', JSON.stringify(theirs)), 90_000);
      const telemetry = new RecordingTelemetry();
      const service = serviceOn(store, telemetry);
      await service.getAccessToken();
      clock.mockReturnValue(start + 30_000);
      await service.getAccessToken();
      expect(telemetry.ages).toEqual([12, 42]);
    } finally {
      clock.mockRestore();
    }
  });

  it('reports the lock wait in seconds, from the first refusal of the lock to the shared token', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      const store = sharedStore();
      await store.tryLock(`${KEY}:lock`, 'another-replica', 60_000);
      const telemetry = new RecordingTelemetry();
      const pending = serviceOn(store, telemetry).getAccessToken();
      await new Promise((resolve) => setTimeout(resolve, 20)); // polling the lock
      clock.mockReturnValue(start + 250);
      const theirs: HeldToken = {
        accessToken: 'theirs',
        issuedAt: start,
        refreshAt: start + 60_000,
        expiresAt: start + 90_000,
      };
      const cipher = new TokenCipher('secret', KEY);
      await store.set(KEY, cipher.seal('theirs', JSON.stringify(theirs)), 90_000);
      await store.unlock(`${KEY}:lock`, 'another-replica');
      expect(await pending).toBe('theirs');
      expect(telemetry.lockWaits).toEqual([0.25]);
    } finally {
      clock.mockRestore();
    }
  });

  it('no longer serves a refused token from memory, and keeps the current one when an old one is reported late', async () => {
    const telemetry = new RecordingTelemetry();
    let issued = 0;
    const numbered = {
      requestToken: () =>
        Promise.resolve({
          accessToken: `token-${++issued}`,
          expiresInSeconds: 600,
          requestedAt: Date.now(),
        }),
    } as unknown as TokenEndpoint;
    const cipher = new TokenCipher('secret', KEY);
    const store = new MemoryTokenStore();
    const service = new TokenService(store, numbered, cipher, KEY, 60, TIMINGS, telemetry);
    const first = await service.getAccessToken();
    telemetry.reports.length = 0;
    await service.replaceRejected(first);
    expect(telemetry.reports).toEqual(['memory:miss']);
    telemetry.reports.length = 0;
    await service.replaceRejected(first); // reported late, after its replacement
    expect(telemetry.reports).toEqual(['memory:hit']);
  });
});
