import { TokenStore } from '@app/uphold';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { TestRedis } from '../support/redis-server';
import { batch, callBff, FaultReport, until, untilAsync } from './fault-kit';

let sim: UpholdSimulator;
let redis: TestRedis;
const running: TestBff[] = [];
const report = new FaultReport('Redis faults (SPEC §4)');

beforeAll(async () => {
  [sim, redis] = await Promise.all([startSimulator(), TestRedis.start()]);
});
afterAll(async () => {
  report.print();
  await sim.stop();
  await redis.stop();
});
beforeEach(async () => {
  await redis.restart(); // running already is fine
  await redis.flush();
  sim.reset();
});
afterEach(async () => {
  redis.resume();
  await Promise.all(running.splice(0).map((bff) => bff.close()));
});

async function bffOnRedis(): Promise<TestBff> {
  const bff = await startBff(testEnv(sim.url, { REDIS_URL: redis.url }));
  running.push(bff);
  return bff;
}

const redisReady = (bff: TestBff) => bff.app.get<TokenStore>(TokenStore).isAvailable();
const readiness = (bff: TestBff) => fetch(`${bff.url}/health/ready`).then((r) => r.status);

describe('Redis faults: requests keep succeeding on the in-process token (issue 3.4)', () => {
  it('keeps answering 200 when Redis is killed, and readiness reports it', async () => {
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    expect((await callBff(bff.url)).status).toBe(200);
    expect(await readiness(bff)).toBe(200);
    await redis.stop();
    const outcome = await batch(100, 20, () => callBff(bff.url));
    expect(outcome.byStatus).toEqual({ 200: 100 });
    await until(() => !redisReady(bff));
    expect(await readiness(bff)).toBe(503);
    expect(sim.tokenRequestCount()).toBe(1);
    report.add({
      fault: 'Redis killed (warm token)',
      clientSees: '200; /health/ready 503',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('keeps answering 200 while Redis hangs (SIGSTOP), a cold replica paying only the command timeouts', async () => {
    const warm = await bffOnRedis();
    await until(() => redisReady(warm));
    expect((await callBff(warm.url)).status).toBe(200);
    redis.pause();
    const cold = await bffOnRedis(); // its first request meets the hung Redis
    const outcome = await batch(100, 20, () => callBff(cold.url));
    const warmOutcome = await batch(100, 20, () => callBff(warm.url));
    expect(outcome.byStatus).toEqual({ 200: 100 });
    expect(warmOutcome.byStatus).toEqual({ 200: 100 });
    expect(sim.tokenRequestCount()).toBe(2); // the cold replica could not read the shared token
    report.add({
      fault: 'Redis paused (SIGSTOP), cold replica',
      clientSees: '200',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('starts and serves without Redis, then reconnects with backoff when it comes back', async () => {
    await redis.stop();
    const bff = await bffOnRedis();
    const outcome = await batch(50, 10, () => callBff(bff.url));
    expect(outcome.byStatus).toEqual({ 200: 50 });
    expect(sim.tokenRequestCount()).toBe(1);
    await redis.restart();
    await until(() => redisReady(bff));
    expect(await readiness(bff)).toBe(200);
    report.add({
      fault: 'Redis unreachable at start',
      clientSees: '200; ready once Redis is back',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('writes the held token back when Redis returns empty, so other replicas need no token request', async () => {
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    expect((await callBff(bff.url)).status).toBe(200);
    await redis.stop();
    await redis.restart(); // no persistence: it comes back empty
    await until(() => redisReady(bff));
    await untilAsync(async () => (await redis.entries()).length === 1);
    const other = await bffOnRedis();
    expect((await callBff(other.url)).status).toBe(200);
    expect(sim.tokenRequestCount()).toBe(1);
  });

  it('never deadlocks on a lock left by a dead replica: waits the bound, fetches, and leaves the lock to its owner', async () => {
    const first = await bffOnRedis();
    expect((await callBff(first.url)).status).toBe(200);
    const [{ key: tokenKey }] = await redis.entries();
    await redis.flush();
    await redis.inspect((client) =>
      client.set(`${tokenKey}:lock`, 'dead-replica', { expiration: { type: 'PX', value: 30_000 } }),
    );
    const cold = await bffOnRedis();
    expect((await callBff(cold.url)).status).toBe(200); // after the 5 s lock wait
    expect(sim.tokenRequestCount()).toBe(2);
    const lock = await redis.inspect((client) => client.get(`${tokenKey}:lock`));
    expect(lock).toBe('dead-replica');
  });

  it('bounds the lock it takes with a TTL and frees it once the token is shared', async () => {
    sim.setFault('token', { latencyMs: 400, times: 1 });
    const bff = await bffOnRedis();
    await until(() => redisReady(bff));
    const pending = callBff(bff.url);
    const lockEntry = async () => (await redis.entries()).find((e) => e.key.endsWith(':lock'));
    await untilAsync(async () => (await lockEntry()) !== undefined);
    const lock = await lockEntry();
    expect(lock?.ttlMs).toBeGreaterThan(0);
    expect(lock?.ttlMs).toBeLessThanOrEqual(30_000);
    expect((await pending).status).toBe(200);
    await untilAsync(async () => (await lockEntry()) === undefined);
  });
});
