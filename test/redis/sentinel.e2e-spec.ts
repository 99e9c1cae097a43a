import { until } from '../support/eventually';
import { TestRedisSentinel } from '../support/redis-sentinel';
import { USER_ID } from '../support/test-keys';
import {
  alternatingWrites,
  bearerTokensSeen,
  coldRequests,
  expectTokenNowhere,
  getIdentity,
  readiness,
  readinessBody,
  TOKEN_KEY,
  useTopology,
} from './topology-kit';

const suite = useTopology(() => TestRedisSentinel.start());

async function tokenKey(): Promise<string> {
  await until(async () => (await suite.redis.entries()).some((e) => TOKEN_KEY.test(e.key)));
  return (await suite.redis.entries()).find((e) => TOKEN_KEY.test(e.key))!.key;
}

describe('Redis behind Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_MASTER)', () => {
  it('makes exactly 1 token request for 150 concurrent cold requests over three replicas', async () => {
    const bffs = await suite.replicas(3);
    expect(await coldRequests(bffs, 150)).toEqual(Array(150).fill(200));
    expect(suite.sim.tokenRequestCount()).toBe(1);
    expect(bearerTokensSeen(suite.sim)).toHaveLength(1);
  });

  it('reports ready with a master known, and says so in the metrics', async () => {
    const [bff] = await suite.replicas(1);
    expect(await readinessBody(bff)).toEqual({
      status: 200,
      redis: { status: 'up', topology: 'sentinel', masterKnown: true },
    });
    const metrics = await (await fetch(`${bff.url}/metrics`)).text();
    expect(metrics).toMatch(/^identity_bff_redis_sentinel_master_known 1$/m);
    expect(metrics).toMatch(/^identity_bff_redis_topology_info\{topology="sentinel"\} 1$/m);
  });

  it('counts writes across replicas: one limit for the user, whichever replica answers', async () => {
    const bffs = await suite.replicas(2, { RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    expect(await alternatingWrites(bffs, 5)).toEqual([201, 201, 201, 429, 429]);
    const counter = (await suite.redis.entries()).find(
      (e) => e.key === `identity-bff:rate-limit:writes:${USER_ID}`,
    );
    expect(counter?.value).toBe('5');
  });

  it('keeps the token sealed: no key or value holds it', async () => {
    const [bff] = await suite.replicas(1);
    await getIdentity(bff).expect(200);
    await tokenKey();
    expectTokenNowhere(await suite.redis.entries(), bearerTokensSeen(suite.sim)[0]);
  });

  it('answers 200 through a failover, then reads the token written before it from the new master', async () => {
    const [a] = await suite.replicas(1);
    await getIdentity(a).expect(200);
    await suite.redis.waitUntilOnReplica(await tokenKey());
    const statuses: number[] = [];
    let failingOver = true;
    const traffic = (async () => {
      while (failingOver) statuses.push((await getIdentity(a)).status);
    })();
    try {
      const { from, to } = await suite.redis.failover();
      expect(to).not.toBe(from);
      await until(async () => (await readiness(a)) === 200, 30_000);
    } finally {
      failingOver = false;
      await traffic;
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const [b] = await suite.replicas(1);
    await getIdentity(b).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(1);
    await suite.redis.restartStopped(); // the old master returns as a replica, for the other tests
  });
});
