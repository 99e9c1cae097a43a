import request from 'supertest';
import { UpholdSimulator } from '../apps/uphold-sim/src';
import { startBff, startSimulator, testEnv, TestBff } from './support/bff';
import { TestRedis } from './support/redis-server';
import { userToken } from './support/test-keys';

/** Asks readiness until it answers `status` (the Redis client notices a dead server on its own time). */
async function readinessBecomes(bff: TestBff, status: number): Promise<request.Response> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await request(bff.url).get('/health/ready');
    if (response.status === status || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('health (contract §7)', () => {
  let redis: TestRedis;
  let sim: UpholdSimulator;
  let bff: TestBff;

  beforeAll(async () => {
    redis = await TestRedis.start();
    sim = await startSimulator();
    bff = await startBff(testEnv(sim.url, { REDIS_URL: redis.url }));
  });

  afterAll(async () => {
    await bff?.close();
    await sim?.stop();
    await redis?.stop();
  });

  it('is live and ready, without a token, while Redis answers', async () => {
    await request(bff.url)
      .get('/health/live')
      .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const ready = await readinessBecomes(bff, 200);
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({
      shutdown: { status: 'up' },
      redis: { status: 'up', topology: 'standalone' },
    });
  });

  it('stays ready while the upstream is down: an upstream outage must not take replicas out', async () => {
    await sim.stop();
    await request(bff.url)
      .get('/me/identity')
      .set('Authorization', `Bearer ${userToken()}`)
      .expect(503);
    await request(bff.url).get('/health/ready').expect(200);
    await request(bff.url).get('/health/live').expect(200);
  });

  it('is not ready while Redis is down, yet stays live, and is ready again once Redis is back', async () => {
    await redis.stop();
    const notReady = await readinessBecomes(bff, 503);
    expect(notReady.status).toBe(503);
    expect(notReady.body.error).toEqual({ redis: { status: 'down', topology: 'standalone' } });
    await request(bff.url).get('/health/live').expect(200);
    await redis.restart();
    expect((await readinessBecomes(bff, 200)).status).toBe(200);
  });
});
