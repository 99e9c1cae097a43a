import { TokenStore } from '@app/uphold';
import { TestBff } from '../support/bff';
import { useSimulatorAndRedis } from '../support/redis-suite';
import { batch, callBff, FaultReport, until } from './fault-kit';

const suite = useSimulatorAndRedis();
const report = new FaultReport('Redis faults (contract §4)');
afterAll(() => report.print());
const bffOnRedis = () => suite.startBffOnRedis();

const redisReady = (bff: TestBff) => bff.app.get<TokenStore>(TokenStore).isAvailable();
const readiness = (bff: TestBff) => fetch(`${bff.url}/health/ready`).then((r) => r.status);

describe('Redis faults: requests keep succeeding on the in-process token', () => {
  it('keeps answering 200 when Redis is killed, and readiness reports it', async () => {
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    expect((await callBff(bff.url)).status).toBe(200);
    expect(await readiness(bff)).toBe(200);
    await suite.redis.stop();
    const outcome = await batch(100, 20, () => callBff(bff.url));
    expect(outcome.byStatus).toEqual({ 200: 100 });
    await until(() => !redisReady(bff));
    expect(await readiness(bff)).toBe(503);
    expect(suite.sim.tokenRequestCount()).toBe(1);
    report.add({
      fault: 'Redis killed (warm token)',
      clientSees: '200; /health/ready 503',
      outcome,
      tokenRequests: suite.sim.tokenRequestCount(),
    });
  });

  it('keeps answering 200 while Redis hangs (SIGSTOP), a cold replica paying only the command timeouts', async () => {
    const warm = await bffOnRedis();
    await until(() => redisReady(warm));
    expect((await callBff(warm.url)).status).toBe(200);
    suite.redis.pause();
    const cold = await bffOnRedis(); // its first request meets the hung Redis
    const outcome = await batch(100, 20, () => callBff(cold.url));
    const warmOutcome = await batch(100, 20, () => callBff(warm.url));
    expect(outcome.byStatus).toEqual({ 200: 100 });
    expect(warmOutcome.byStatus).toEqual({ 200: 100 });
    expect(suite.sim.tokenRequestCount()).toBe(2); // the cold replica could not read the shared token
    report.add({
      fault: 'Redis paused (SIGSTOP), cold replica',
      clientSees: '200',
      outcome,
      tokenRequests: suite.sim.tokenRequestCount(),
    });
  });

  it('starts and serves without Redis, then reconnects with backoff when it comes back', async () => {
    await suite.redis.stop();
    const bff = await bffOnRedis();
    const outcome = await batch(50, 10, () => callBff(bff.url));
    expect(outcome.byStatus).toEqual({ 200: 50 });
    expect(suite.sim.tokenRequestCount()).toBe(1);
    await suite.redis.restart();
    await until(() => redisReady(bff));
    expect(await readiness(bff)).toBe(200);
    report.add({
      fault: 'Redis unreachable at start',
      clientSees: '200; ready once Redis is back',
      outcome,
      tokenRequests: suite.sim.tokenRequestCount(),
    });
  });

  it('writes the held token back when Redis returns empty, so other replicas need no token request', async () => {
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    expect((await callBff(bff.url)).status).toBe(200);
    await suite.redis.stop();
    await suite.redis.restart(); // no persistence: it comes back empty
    await until(() => redisReady(bff));
    await until(async () => (await suite.redis.entries()).length === 1);
    const other = await bffOnRedis();
    expect((await callBff(other.url)).status).toBe(200);
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('never deadlocks on a lock left by a dead replica: waits the bound, fetches, and leaves the lock to its owner', async () => {
    const first = await bffOnRedis();
    expect((await callBff(first.url)).status).toBe(200);
    const [{ key: tokenKey }] = await suite.redis.entries();
    await suite.redis.flush();
    await suite.redis.inspect((client) =>
      client.set(`${tokenKey}:lock`, 'dead-replica', { expiration: { type: 'PX', value: 30_000 } }),
    );
    // the wait is the lock TTL this replica would take (3.75 s here), longer than a request's deadline
    const cold = await suite.startBffOnRedis({ UPSTREAM_TIMEOUT_MS: '2000' });
    await until(() => redisReady(cold));
    expect((await callBff(cold.url)).status).toBe(503); // still waiting at its deadline
    await until(() => suite.sim.tokenRequestCount() === 2, 10_000); // the wait ended: fetched here
    expect((await callBff(cold.url)).status).toBe(200);
    expect(suite.sim.tokenRequestCount()).toBe(2);
    const lock = await suite.redis.inspect((client) => client.get(`${tokenKey}:lock`));
    expect(lock).toBe('dead-replica');
  });

  it('bounds the lock it takes with a TTL and frees it once the token is shared', async () => {
    suite.sim.setFault('token', { latencyMs: 400, times: 1 });
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    const pending = callBff(bff.url);
    const lockEntry = async () =>
      (await suite.redis.entries()).find((e) => e.key.endsWith(':lock'));
    await until(async () => (await lockEntry()) !== undefined);
    const lock = await lockEntry();
    expect(lock?.ttlMs).toBeGreaterThan(0);
    expect(lock?.ttlMs).toBeLessThanOrEqual(30_000);
    expect((await pending).status).toBe(200);
    await until(async () => (await lockEntry()) === undefined);
  });
});
