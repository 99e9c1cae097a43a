import { UpholdTelemetry } from '../uphold.telemetry';
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
    expect(telemetry.reports[0]).toBe('memory:miss');
    expect(telemetry.reports.filter((report) => report.startsWith('redis:'))).not.toHaveLength(0);
    expect(telemetry.reports.filter((report) => report === 'redis:hit')).toHaveLength(0);
    expect(telemetry.reports.slice(-2)).toEqual(['memory:hit', 'memory:hit']);
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
});
