import { until } from '../support/eventually';
import { TestRedisCluster } from '../support/redis-cluster';
import { USER_ID } from '../support/test-keys';
import {
  alternatingWrites,
  bearerTokensSeen,
  coldRequests,
  expectTokenNowhere,
  getIdentity,
  readiness,
  readinessBody,
  reserveUpload,
  TOKEN_KEY,
  useTopology,
} from './topology-kit';

const suite = useTopology(() => TestRedisCluster.start());
const WRITES_KEY = `identity-bff:rate-limit:writes:${USER_ID}`;

async function tokenKey(): Promise<string> {
  await until(async () => (await suite.redis.entries()).some((e) => TOKEN_KEY.test(e.key)));
  return (await suite.redis.entries()).find((e) => TOKEN_KEY.test(e.key))!.key;
}

/** A master other than the one at `port`. */
const otherThan = (port: number) => suite.redis.ports.find((p) => p !== port)!;

describe('Redis Cluster (REDIS_CLUSTER_NODES, one seed)', () => {
  it('makes exactly 1 token request for 150 concurrent cold requests over three replicas', async () => {
    const bffs = await suite.replicas(3);
    expect(await coldRequests(bffs, 150)).toEqual(Array(150).fill(200));
    expect(suite.sim.tokenRequestCount()).toBe(1);
    expect(bearerTokensSeen(suite.sim)).toHaveLength(1);
  });

  it('reports ready with every slot served, and says so in the metrics', async () => {
    const [bff] = await suite.replicas(1);
    expect(await readinessBody(bff)).toEqual({
      status: 200,
      redis: { status: 'up', topology: 'cluster', slotsServed: 16384 },
    });
    const metrics = await (await fetch(`${bff.url}/metrics`)).text();
    expect(metrics).toMatch(/^identity_bff_redis_cluster_slots_served 16384$/m);
    expect(metrics).toMatch(/^identity_bff_redis_up 1$/m);
    expect(metrics).toMatch(/^identity_bff_redis_topology_info\{topology="cluster"\} 1$/m);
  });

  it('counts writes across replicas: one limit for the user, whichever replica answers', async () => {
    const bffs = await suite.replicas(2, { RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    expect(await alternatingWrites(bffs, 5)).toEqual([201, 201, 201, 429, 429]);
    const counter = (await suite.redis.entries()).find((e) => e.key === WRITES_KEY);
    expect(counter?.value).toBe('5');
  });

  it('keeps the token sealed: no key or value holds it, and its key is hash-tagged', async () => {
    const [bff] = await suite.replicas(1);
    await getIdentity(bff).expect(200);
    const [token] = bearerTokensSeen(suite.sim);
    const key = await tokenKey();
    expectTokenNowhere(await suite.redis.entries(), token);
    const slotOf = (k: string) =>
      suite.redis.on(suite.redis.ports[0], (c) => c.sendCommand(['CLUSTER', 'KEYSLOT', k]));
    expect(await slotOf(`${key}:lock`)).toBe(await slotOf(key));
  });

  it('follows a slot move (MOVED): drop, refetch, share and count on the new owner, no 5xx', async () => {
    const [a] = await suite.replicas(1, { RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    await getIdentity(a).expect(200);
    await reserveUpload(a).expect(201);
    for (const key of [await tokenKey(), WRITES_KEY]) {
      const { port, slot } = await suite.redis.owner(key);
      await suite.redis.beginSlotMove(slot, port, otherThan(port));
      await suite.redis.finishSlotMove(slot, port, otherThan(port));
    }
    suite.sim.revokeIssuedTokens(); // a's next call gets 401: it drops the key and stores a new token
    await getIdentity(a).expect(200);
    expect(await alternatingWrites([a], 3)).toEqual([201, 201, 429]);
    expect(suite.sim.tokenRequestCount()).toBe(2);
    const [b] = await suite.replicas(1);
    await getIdentity(b).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(2);
  });

  it('follows a slot being migrated (ASK): a cold replica stores the token on the importing master', async () => {
    const [probe] = await suite.replicas(1);
    await getIdentity(probe).expect(200);
    const key = await tokenKey();
    await suite.redis.flush();
    suite.sim.reset();
    const { port, slot } = await suite.redis.owner(key);
    const target = otherThan(port);
    await suite.redis.beginSlotMove(slot, port, target);
    try {
      const [cold] = await suite.replicas(1);
      await getIdentity(cold).expect(200);
      const onImporter = () =>
        suite.redis.on(target, async (c) => {
          await c.sendCommand(['ASKING']); // the importing master answers for this slot after ASKING only
          return c.exists(key);
        });
      expect(await onImporter()).toBe(1);
    } finally {
      await suite.redis.finishSlotMove(slot, port, target);
    }
    const [later] = await suite.replicas(1);
    await getIdentity(later).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('keeps answering 200 while a master is down, reports not ready, and writes the token back once it returns', async () => {
    const [a] = await suite.replicas(1);
    await getIdentity(a).expect(200);
    const key = await tokenKey();
    const { port } = await suite.redis.owner(key);
    const index = suite.redis.ports.indexOf(port);
    await suite.redis.stopNode(index);
    try {
      for (let i = 0; i < 20; i++) await getIdentity(a).expect(200);
      await until(async () => (await readiness(a)) === 503, 10_000);
      const { redis } = await readinessBody(a);
      expect(redis).toMatchObject({ status: 'down', topology: 'cluster' });
      expect((redis as { slotsServed: number }).slotsServed).toBeLessThan(16384);
    } finally {
      await suite.redis.restartNode(index);
    }
    await until(async () => (await readiness(a)) === 200, 20_000);
    await until(async () => (await suite.redis.entries()).some((e) => e.key === key), 10_000);
    const [b] = await suite.replicas(1);
    await getIdentity(b).expect(200);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });
});
