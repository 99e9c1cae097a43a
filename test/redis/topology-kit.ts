import request from 'supertest';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { Env, startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { until } from '../support/eventually';
import { RedisEntry } from '../support/redis-cluster';
import { userToken } from '../support/test-keys';

/** A Redis deployment as the specs under test/redis drive it. */
export interface TopologyUnderTest {
  /** The variables that point the BFF at it. */
  env(): Env;
  entries(): Promise<RedisEntry[]>;
  flush(): Promise<void>;
}

export interface TopologySuite<T> {
  sim: UpholdSimulator;
  redis: T;
  /** A BFF on the suite's Redis (env overrides win), closed after the test. */
  startBff(overrides?: Env): Promise<TestBff>;
  /** Several BFFs, each ready on Redis before it is returned. */
  replicas(count: number, overrides?: Env): Promise<TestBff[]>;
}

/**
 * The simulator and one Redis deployment for the whole file; before each test a reset simulator
 * and an empty Redis; after it, every BFF the test started is closed.
 */
export function useTopology<T extends TopologyUnderTest>(
  start: () => Promise<T & { stop(): Promise<void> }>,
): TopologySuite<T> {
  const running: TestBff[] = [];
  const suite = {
    async startBff(overrides: Env = {}) {
      const bff = await startBff(testEnv(suite.sim.url, { ...suite.redis.env(), ...overrides }));
      running.push(bff);
      return bff;
    },
    async replicas(count: number, overrides: Env = {}) {
      const bffs = await Promise.all(
        Array.from({ length: count }, () => suite.startBff(overrides)),
      );
      await until(
        async () => (await Promise.all(bffs.map(readiness))).every((s) => s === 200),
        20_000,
      );
      return bffs;
    },
  } as TopologySuite<T & { stop(): Promise<void> }>;
  beforeAll(async () => {
    [suite.sim, suite.redis] = await Promise.all([startSimulator(), start()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.splice(0).map((bff) => bff.close()));
    await suite.sim?.stop();
    await suite.redis?.stop();
  }, 60_000);
  beforeEach(async () => {
    suite.sim.reset();
    await suite.redis.flush();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((bff) => bff.close()));
  });
  return suite;
}

export function getIdentity(bff: TestBff) {
  return request(bff.url).get('/me/identity').set('Authorization', `Bearer ${userToken()}`);
}

export function reserveUpload(bff: TestBff) {
  return request(bff.url)
    .post('/me/identity/files')
    .set('Authorization', `Bearer ${userToken()}`)
    .send({ context: 'photo-selfie', contentType: 'image/jpeg' });
}

export async function readiness(bff: TestBff): Promise<number> {
  return (await fetch(`${bff.url}/health/ready`)).status;
}

export async function readinessBody(bff: TestBff): Promise<{ status: number; redis: unknown }> {
  const response = await fetch(`${bff.url}/health/ready`);
  const body = (await response.json()) as { details: { redis: unknown } };
  return { status: response.status, redis: body.details.redis };
}

/** The upstream access tokens the simulator saw on API calls, distinct. */
export function bearerTokensSeen(sim: UpholdSimulator): string[] {
  const api = [...sim.requestsTo('getKyc'), ...sim.requestsTo('patchIdentity')];
  return [
    ...new Set(api.map((call) => String(call.headers.authorization).replace(/^Bearer /, ''))),
  ];
}

/** `count` concurrent cold GETs spread over the replicas; every status. */
export async function coldRequests(bffs: TestBff[], count: number): Promise<number[]> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) => getIdentity(bffs[i % bffs.length])),
  );
  return responses.map((response) => response.status);
}

/** Writes sent one after another, alternating over the replicas; their statuses. */
export async function alternatingWrites(bffs: TestBff[], count: number): Promise<number[]> {
  const answered: number[] = [];
  for (let i = 0; i < count; i++)
    answered.push((await reserveUpload(bffs[i % bffs.length])).status);
  return answered;
}

/** No key or value holds the token in plain text, base64, or its payload part. */
export function expectTokenNowhere(entries: RedisEntry[], token: string): void {
  expect(token.length).toBeGreaterThan(10);
  for (const { key, value } of entries) {
    for (const form of [
      token,
      Buffer.from(token).toString('base64'),
      token.split('.')[1] ?? token,
    ]) {
      expect(key).not.toContain(form);
      expect(value ?? '').not.toContain(form);
    }
    expect(value ?? '').not.toContain('access_token');
  }
}

export const TOKEN_KEY = /^identity-bff:uphold-token:\{[0-9a-f]{64}\}$/;
