import request from 'supertest';
import { UpholdSimulator } from '../apps/uphold-sim/src';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { startBff, startSimulator, testEnv, TestBff } from './support/bff';
import { until } from './support/eventually';
import { Scrape } from './support/prometheus-scrape';
import { TestRedis } from './support/redis-server';
import { userToken } from './support/test-keys';

const HTTP_COUNT = 'identity_bff_http_request_duration_seconds_count';

let sim: UpholdSimulator;
let redis: TestRedis;
let bff: TestBff;

beforeAll(async () => {
  [sim, redis] = await Promise.all([startSimulator(), TestRedis.start()]);
  bff = await startBff(testEnv(sim.url, { REDIS_URL: redis.url }));
});
afterAll(async () => {
  await bff?.close();
  await sim?.stop();
  await redis?.stop();
});

const scrape = () => Scrape.of(bff.url);

describe('GET /metrics (contract §7)', () => {
  it('answers the Prometheus text format without a JWT, with process metrics under the identity_bff_ prefix', async () => {
    const response = await request(bff.url).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(new Scrape(response.text).value('identity_bff_process_cpu_seconds_total')).toEqual(
      expect.any(Number),
    );
  });

  it('after a read and a write: HTTP durations by route template and status, and the token lifecycle', async () => {
    // the token store connects in the background: the cold read must find Redis to miss in it
    await until(async () => (await scrape()).value('identity_bff_redis_up') === 1, 5_000);
    const auth = `Bearer ${userToken()}`;
    await request(bff.url).get('/me/identity').set('Authorization', auth).expect(200);
    await request(bff.url)
      .patch('/me/identity')
      .set('Authorization', auth)
      .send(validIdentityRequest())
      .expect(200);
    await request(bff.url).get('/me/identity').expect(401);
    await request(bff.url).get('/me/identity/no-such-thing-4711').expect(404);
    await request(bff.url)
      .patch('/me/identity')
      .set('Authorization', auth)
      .set('Content-Type', 'text/plain')
      .send('not json')
      .expect(415);
    await request(bff.url)
      .post('/me/identity/files')
      .set('Authorization', auth)
      .set('Content-Type', 'text/plain')
      .send('not json')
      .expect(415);
    await request(bff.url).get('/health/live').expect(200);

    const metrics = await scrape();
    const http = (method: string, route: string, status: string) =>
      metrics.value(HTTP_COUNT, { method, route, status });
    expect(http('GET', '/me/identity', '200')).toBe(1);
    expect(http('PATCH', '/me/identity', '200')).toBe(1);
    expect(http('GET', '/me/identity', '401')).toBe(1);
    expect(http('GET', 'unmatched', '404')).toBe(1);
    expect(http('PATCH', '/me/identity', '415')).toBe(1);
    expect(http('POST', '/me/identity/files', '415')).toBe(1);
    expect(metrics.text).not.toContain('no-such-thing-4711');
    expect(metrics.text).not.toMatch(/route="\/(health|metrics)/);

    expect(metrics.value('identity_bff_token_requests_total', { outcome: 'issued' })).toBe(1);
    expect(metrics.value('identity_bff_token_requests_total', { outcome: 'refused' })).toBe(0);
    const lookups = (tier: string, result: string) =>
      metrics.value('identity_bff_token_cache_lookups_total', { tier, result });
    expect(lookups('memory', 'miss')).toBe(1); // the cold read
    expect(lookups('memory', 'hit')).toBe(1); // the write, on the held token
    expect(lookups('redis', 'miss')).toBeGreaterThanOrEqual(1);
    expect(lookups('redis', 'hit')).toBe(0);
    expect(lookups('redis', 'error')).toBe(0);
    expect(metrics.value('identity_bff_token_age_at_use_seconds_count')).toBe(2);
    expect(metrics.value('identity_bff_token_age_at_use_seconds_bucket', { le: '+Inf' })).toBe(2);
  });

  it('reports Redis up while the token store is connected, and down once Redis is killed', async () => {
    await until(async () => (await scrape()).value('identity_bff_redis_up') === 1, 5_000);
    await redis.stop();
    await until(async () => (await scrape()).value('identity_bff_redis_up') === 0, 5_000);
  });
});
