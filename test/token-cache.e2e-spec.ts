import { TokenStore } from '@app/uphold';
import request from 'supertest';
import { Env, TestBff } from './support/bff';
import { sleep, until } from './support/eventually';
import { useSimulatorAndRedis } from './support/redis-suite';
import { userToken } from './support/test-keys';

/**
 * The replicas here share one process, so a stall of its event loop on a busy machine (300-800 ms
 * seen) delays all of them at once and would pass for a slow Redis under the production 250 ms
 * command timeout: each waiting replica would fetch its own token. This suite is about the token,
 * not Redis faults (test/faults keeps the production timeout), so it gives Redis commands 2 s.
 */
const suite = useSimulatorAndRedis({ uphold: { redisCommandTimeoutMs: 2_000 } });
const bffOnRedis = (overrides: Env = {}) => suite.startBffOnRedis(overrides);

function getIdentity(bff: TestBff) {
  return request(bff.url).get('/me/identity').set('Authorization', `Bearer ${userToken()}`);
}

/** The upstream access tokens the simulator saw on API calls, distinct, in order. */
function bearerTokensSeen(): string[] {
  const api = [...suite.sim.requestsTo('getKyc'), ...suite.sim.requestsTo('patchIdentity')];
  return [
    ...new Set(api.map((call) => String(call.headers.authorization).replace(/^Bearer /, ''))),
  ];
}

describe('the client-credentials token (contract §4)', () => {
  it('makes exactly 1 token request for 200 concurrent cold requests', async () => {
    const bff = await bffOnRedis();
    const responses = await Promise.all(Array.from({ length: 200 }, () => getIdentity(bff)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('makes exactly 1 token request for 300 concurrent cold requests over three instances on one Redis', async () => {
    const instances = await Promise.all([bffOnRedis(), bffOnRedis(), bffOnRedis()]);
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => getIdentity(instances[i % 3])),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(suite.sim.tokenRequestCount()).toBe(1);
    expect(bearerTokensSeen()).toHaveLength(1);
  });

  it('makes exactly 1 token request when three cold instances meet a token endpoint slower than the old 5 s lock wait, all answering 200 within the deadline', async () => {
    const instances = await Promise.all([bffOnRedis(), bffOnRedis(), bffOnRedis()]);
    suite.sim.setFault('token', { latencyMs: 6_000 }); // under the default 10 s UPSTREAM_TIMEOUT_MS
    const responses = await Promise.all(instances.map((bff) => getIdentity(bff)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(suite.sim.tokenRequestCount()).toBe(1);
    expect(bearerTokensSeen()).toHaveLength(1);
  });

  it('takes a cluster lock that outlives the longest token fetch the configuration allows (UPSTREAM_TIMEOUT_MS 120 s)', async () => {
    suite.sim.setFault('token', { latencyMs: 2_000, times: 1 });
    const bff = await bffOnRedis({ UPSTREAM_TIMEOUT_MS: '120000' });
    await until(() => bff.app.get<TokenStore>(TokenStore).isAvailable());
    const status = getIdentity(bff).then((response) => response.status); // sent now
    const lockEntry = async () =>
      (await suite.redis.entries()).find((entry) => entry.key.endsWith(':lock'));
    await until(async () => (await lockEntry()) !== undefined);
    expect((await lockEntry())?.ttlMs).toBeGreaterThan(120_000);
    expect(await status).toBe(200);
  });

  it('makes exactly 1 token request for 100 concurrent cold requests while Redis is down (single flight in the process)', async () => {
    await suite.redis.stop();
    const bff = await bffOnRedis();
    const responses = await Promise.all(Array.from({ length: 100 }, () => getIdentity(bff)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('makes no token request from a new instance when Redis already holds a token', async () => {
    const first = await bffOnRedis();
    await getIdentity(first).expect(200);
    const second = await bffOnRedis();
    await getIdentity(second).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(1);
    expect(bearerTokensSeen()).toHaveLength(1);
  });

  it('stores the token encrypted: no Redis value contains it, in plain text or base64', async () => {
    const bff = await bffOnRedis();
    await getIdentity(bff).expect(200);
    const [token] = bearerTokensSeen();
    const entries = await suite.redis.entries();
    expect(entries).toHaveLength(1);
    for (const { key, value } of entries) {
      for (const form of [token, Buffer.from(token).toString('base64'), token.split('.')[1]]) {
        expect(key).not.toContain(form);
        expect(value).not.toContain(form);
      }
      expect(value).not.toContain('access_token');
    }
  });

  it('keys the token by a hash that changes with the secret and the scopes, never naming them', async () => {
    const bff = await bffOnRedis();
    await getIdentity(bff).expect(200);
    const scoped = await bffOnRedis({ UPHOLD_SCOPES: 'core.kyc:read core.kyc:write' });
    await getIdentity(scoped).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(2);
    const keys = (await suite.redis.entries()).map((entry) => entry.key);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(/^identity-bff:uphold-token:\{[0-9a-f]{64}\}$/);
    }
  });

  it('gives the Redis entry a TTL that ends before the token does (lifetime minus the skew)', async () => {
    suite.sim.setTokenLifetime(600);
    const bff = await bffOnRedis({ TOKEN_EXPIRY_SKEW_SECONDS: '60' });
    await getIdentity(bff).expect(200);
    const [{ ttlMs }] = await suite.redis.entries();
    expect(ttlMs).toBeGreaterThan(530_000);
    expect(ttlMs).toBeLessThanOrEqual(540_000);
  });

  it('caps the skew at half a short lifetime, so a short-lived token is still used', async () => {
    suite.sim.setTokenLifetime(20);
    const bff = await bffOnRedis({ TOKEN_EXPIRY_SKEW_SECONDS: '60' });
    await getIdentity(bff).expect(200);
    await getIdentity(bff).expect(200);
    const [{ ttlMs }] = await suite.redis.entries();
    expect(ttlMs).toBeLessThanOrEqual(10_000);
    expect(ttlMs).toBeGreaterThan(5_000);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('on an upstream 401 drops that token, fetches one fresh token, retries once, and answers 200', async () => {
    const bff = await bffOnRedis();
    await getIdentity(bff).expect(200);
    const [firstValue] = (await suite.redis.entries()).map((entry) => entry.value);
    suite.sim.rejectNextApiCalls(1);
    const response = await getIdentity(bff);
    expect(response.status).toBe(200);
    expect(suite.sim.tokenRequestCount()).toBe(2);
    expect(suite.sim.requestsTo('getKyc')).toHaveLength(3);
    expect(bearerTokensSeen()).toHaveLength(2);
    const [secondValue] = (await suite.redis.entries()).map((entry) => entry.value);
    expect(secondValue).not.toBe(firstValue);
  });

  it('shares the replacement: a second instance holding the revoked token drops it and reuses the new one', async () => {
    const [a, b] = await Promise.all([bffOnRedis(), bffOnRedis()]);
    await getIdentity(a).expect(200);
    await getIdentity(b).expect(200);
    suite.sim.revokeIssuedTokens();
    await getIdentity(a).expect(200);
    await getIdentity(b).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(2);
  });

  it('keeps the newer token in Redis when a late instance reports the old one (compare-and-delete)', async () => {
    const [a, b] = await Promise.all([bffOnRedis(), bffOnRedis()]);
    await getIdentity(a).expect(200);
    await getIdentity(b).expect(200);
    suite.sim.revokeIssuedTokens();
    await getIdentity(a).expect(200); // a drops the revoked token and shares the next one
    const [shared] = await suite.redis.entries();
    await getIdentity(b).expect(200); // b reports the revoked token late: the next one must stay
    const [after] = await suite.redis.entries();
    expect(after.value).toBe(shared.value);
    expect(suite.sim.tokenRequestCount()).toBe(2);
  });

  it('refuses a value relabelled in Redis: another fingerprint on the sealed revoked token does not bring it back', async () => {
    const bff = await bffOnRedis();
    await getIdentity(bff).expect(200);
    const [{ key, value }] = await suite.redis.entries();
    const [format, , sealed] = String(value).split('.');
    await suite.redis.inspect((client) => client.set(key, `${format}.${'A'.repeat(22)}.${sealed}`));
    suite.sim.revokeIssuedTokens();
    await getIdentity(bff).expect(200); // 401, then a fresh token, not the relabelled revoked one
    expect(suite.sim.tokenRequestCount()).toBe(2);
    expect(bearerTokensSeen()).toHaveLength(2);
  });

  it('takes a token for each attempt: a retry after the held token expired sends a fresh one, never the expired one', async () => {
    suite.sim.setTokenLifetime(2); // usable 1 s: the 60 s skew is capped at half the lifetime
    const bff = await bffOnRedis();
    suite.sim.setFault('getKyc', { status: 503, latencyMs: 1_500, times: 1 }); // answered after the expiry
    await getIdentity(bff).expect(200);
    const [first, retry] = suite.sim.requestsTo('getKyc').map((call) => call.headers.authorization);
    expect(retry).toBeDefined();
    expect(retry).not.toBe(first);
    expect(suite.sim.tokenRequestCount()).toBe(2);
  });

  it('answers 502 upstream_auth_failed when the upstream still answers 401 after a fresh token', async () => {
    const bff = await bffOnRedis();
    suite.sim.rejectNextApiCalls(2);
    const response = await getIdentity(bff);
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('upstream_auth_failed');
    expect(suite.sim.requestsTo('getKyc')).toHaveLength(2);
  });

  it('refreshes ahead in the background: requests keep the current token while the next one is fetched', async () => {
    suite.sim.setTokenLifetime(6);
    const bff = await bffOnRedis({ TOKEN_EXPIRY_SKEW_SECONDS: '2' }); // usable 4 s, refreshed after 3 s
    await getIdentity(bff).expect(200);
    await sleep(3_200);
    suite.sim.setFault('token', { latencyMs: 2_000, times: 1 });
    await getIdentity(bff).expect(200);
    expect(bearerTokensSeen()).toHaveLength(1); // answered with the current token, not waiting
    await until(() => suite.sim.tokenRequestCount() === 2); // while the next one is fetched
    await sleep(2_200);
    await getIdentity(bff).expect(200);
    expect(bearerTokensSeen()).toHaveLength(2);
    expect(suite.sim.tokenRequestCount()).toBe(2);
  });
});
