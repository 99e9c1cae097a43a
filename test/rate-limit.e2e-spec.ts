import { TokenStore } from '@app/uphold';
import request from 'supertest';
import { RateLimitStorage } from '../apps/identity-bff/src/rate-limit/rate-limit.storage';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { Env, TestBff } from './support/bff';
import { until } from './support/eventually';
import { Scrape } from './support/prometheus-scrape';
import type { TestRedis } from './support/redis-server';
import { useSimulatorAndRedis } from './support/redis-suite';
import { OTHER_USER_ID, USER_ID, userToken } from './support/test-keys';

const suite = useSimulatorAndRedis();

/** A BFF on the shared test Redis, allowing `reads` and `writes` per user and minute. */
async function bffWithLimits(reads: number, writes: number, env: Env = {}): Promise<TestBff> {
  const bff = await suite.startBffOnRedis({
    RATE_LIMIT_READS_PER_MINUTE: String(reads),
    RATE_LIMIT_WRITES_PER_MINUTE: String(writes),
    ...env,
  });
  // the one Redis connection (token store and rate limits) connects in the background
  await until(() => redisReady(bff), 5_000);
  return bff;
}

function redisReady(bff: TestBff): boolean {
  const tokenStore = bff.app.get<TokenStore>(TokenStore);
  return tokenStore.isAvailable() && bff.app.get(RateLimitStorage).isAvailable();
}

/** Connections to the test Redis, not counting the one that asks. */
async function connectedClients(): Promise<number> {
  return (await suite.redis.inspect((client) => client.clientList())).length - 1;
}

const otherUser = () => userToken({}, { sub: OTHER_USER_ID });

function read(bff: TestBff, token = userToken()) {
  return request(bff.url).get('/me/identity').set('Authorization', `Bearer ${token}`);
}

function reserveUpload(bff: TestBff, token = userToken()) {
  return request(bff.url)
    .post('/me/identity/files')
    .set('Authorization', `Bearer ${token}`)
    .send({ context: 'photo-selfie', contentType: 'image/jpeg' });
}

function submit(bff: TestBff) {
  return request(bff.url)
    .patch('/me/identity')
    .set('Authorization', `Bearer ${userToken()}`)
    .send(validIdentityRequest());
}

async function statuses(calls: (() => request.Test)[]): Promise<number[]> {
  const answered: number[] = [];
  for (const call of calls) answered.push((await call()).status);
  return answered;
}

/** Calls per command since the server started, from `INFO commandstats`. */
async function commandCalls(client: Parameters<Parameters<TestRedis['inspect']>[0]>[0]) {
  const info = await client.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls[match[1]] = Number(match[2]);
  }
  return calls;
}

function difference(before: Record<string, number>, after: Record<string, number>) {
  const changed: Record<string, number> = {};
  for (const [command, calls] of Object.entries(after)) {
    if (command !== 'info' && calls !== (before[command] ?? 0)) {
      changed[command] = calls - (before[command] ?? 0);
    }
  }
  return changed;
}

describe('per-user rate limits (contract §7)', () => {
  it('answers 429 rate_limited problem+json with Retry-After past the write limit, and never calls the upstream for it', async () => {
    const bff = await bffWithLimits(100, 2);
    await reserveUpload(bff).expect(201);
    await submit(bff).expect(200);
    const limited = await reserveUpload(bff);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    await submit(bff).expect(429);
    expect(suite.sim.requestsTo('createFile')).toHaveLength(1);
    expect(suite.sim.requestsTo('patchIdentity')).toHaveLength(1);
    const metrics = await Scrape.of(bff.url);
    expect(metrics.value('identity_bff_rate_limited_total', { throttler: 'writes' })).toBe(2);
  });

  it('limits reads on their own: past the read limit GETs get 429 and writes still pass', async () => {
    const bff = await bffWithLimits(2, 100);
    const answered = await statuses([() => read(bff), () => read(bff), () => read(bff)]);
    expect(answered).toEqual([200, 200, 429]);
    expect(suite.sim.requestsTo('getKyc')).toHaveLength(2);
    await reserveUpload(bff).expect(201);
  });

  it("keeps one user's count apart from another's", async () => {
    const bff = await bffWithLimits(1, 1);
    expect(await statuses([() => read(bff), () => read(bff)])).toEqual([200, 429]);
    await read(bff, otherUser()).expect(200);
    expect(await statuses([() => reserveUpload(bff), () => reserveUpload(bff)])).toEqual([
      201, 429,
    ]);
    await reserveUpload(bff, otherUser()).expect(201);
  });

  it('answers 401, not 429, to unauthenticated requests however many are sent', async () => {
    const bff = await bffWithLimits(1, 1);
    await read(bff).expect(200);
    await read(bff).expect(429);
    const unauthenticated = await statuses(
      Array.from({ length: 3 }, () => () => request(bff.url).get('/me/identity')),
    );
    const badToken = await statuses(Array.from({ length: 3 }, () => () => read(bff, 'not.a.jwt')));
    expect([...unauthenticated, ...badToken]).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('does not limit /health or /metrics', async () => {
    const bff = await bffWithLimits(1, 1);
    const probes = ['/health/live', '/health/ready', '/metrics'].flatMap((path) =>
      Array.from({ length: 3 }, () => () => request(bff.url).get(path)),
    );
    expect(new Set(await statuses(probes))).toEqual(new Set([200]));
  });

  it('holds one write limit across two replicas sharing Redis', async () => {
    const [a, b] = await Promise.all([bffWithLimits(100, 3), bffWithLimits(100, 3)]);
    const answered = await statuses([
      () => reserveUpload(a),
      () => reserveUpload(b),
      () => reserveUpload(a),
      () => reserveUpload(b),
      () => reserveUpload(a),
    ]);
    expect(answered).toEqual([201, 201, 201, 429, 429]);
    expect(suite.sim.requestsTo('createFile')).toHaveLength(3);
    const counts = (await suite.redis.entries()).filter((entry) =>
      entry.key.includes('rate-limit'),
    );
    expect(counts).toEqual([
      { key: `identity-bff:rate-limit:writes:${USER_ID}`, value: '5', ttlMs: expect.any(Number) },
    ]);
    expect(counts[0].ttlMs).toBeGreaterThan(0);
    expect(counts[0].ttlMs).toBeLessThanOrEqual(60_000);
  });

  it('counts reads in each replica: a second replica has its own read count', async () => {
    const [a, b] = await Promise.all([bffWithLimits(2, 100), bffWithLimits(2, 100)]);
    expect(await statuses([() => read(a), () => read(a), () => read(a)])).toEqual([200, 200, 429]);
    expect(await statuses([() => read(b), () => read(b), () => read(b)])).toEqual([200, 200, 429]);
  });

  it('makes no Redis command at all for a read with a warm token; a write makes one round trip', async () => {
    const bff = await bffWithLimits(100, 100);
    await read(bff).expect(200);
    // the token is shared and the lock released in the background: wait for both
    await until(async () => (await suite.redis.entries()).length === 1);
    await suite.redis.inspect(async (client) => {
      const beforeRead = await commandCalls(client);
      await read(bff).expect(200);
      const afterRead = await commandCalls(client);
      expect(difference(beforeRead, afterRead)).toEqual({});
      await reserveUpload(bff).expect(201);
      // one EVAL round trip; commandstats also counts the commands the script runs inside Redis
      const afterWrite = difference(afterRead, await commandCalls(client));
      expect(afterWrite).toEqual({ eval: 1, incr: 1, pttl: 1, pexpire: 1 });
    });
  });

  it("starts no Redis command timer of node-redis's own: the BFF's timeout races each command", async () => {
    const bff = await bffWithLimits(100, 100);
    await reserveUpload(bff).expect(201);
    const timers = jest.spyOn(AbortSignal, 'timeout');
    try {
      await reserveUpload(bff).expect(201);
      await submit(bff).expect(200);
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });

  it('closes its own Redis connection on shutdown', async () => {
    const bff = await bffWithLimits(100, 100);
    await reserveUpload(bff).expect(201);
    await suite.closeBff(bff);
    await until(async () => (await connectedClients()) === 0);
  });
});

describe('per-user rate limits when Redis fails', () => {
  it('keeps answering writes when Redis is killed, counting them in process meanwhile', async () => {
    const bff = await bffWithLimits(100, 2);
    await reserveUpload(bff).expect(201);
    await suite.redis.stop();
    const answered = await statuses([
      () => reserveUpload(bff),
      () => reserveUpload(bff),
      () => reserveUpload(bff),
    ]);
    expect(answered).toEqual([201, 201, 429]);
    const metrics = await Scrape.of(bff.url);
    expect(metrics.value('identity_bff_rate_limit_local_fallbacks_total')).toBe(3);
    expect(bff.logs.join('')).toContain('counting writes in this process meanwhile');
  });

  it('keeps answering writes while Redis hangs (SIGSTOP), after the command timeout', async () => {
    const bff = await bffWithLimits(100, 100);
    await reserveUpload(bff).expect(201);
    suite.redis.pause();
    try {
      await reserveUpload(bff).expect(201);
      await submit(bff).expect(200);
    } finally {
      suite.redis.resume();
    }
    expect(suite.sim.requestsTo('createFile')).toHaveLength(2);
  });
});
