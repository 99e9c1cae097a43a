import { until } from '../support/eventually';
import { BFF_USER, TestRedisTls } from '../support/redis-tls';
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

const suite = useTopology(() => TestRedisTls.start());

describe('a TLS-only Redis with an ACL user (rediss:// + REDIS_TLS_CA_FILE)', () => {
  it('makes exactly 1 token request for 150 concurrent cold requests over three replicas', async () => {
    const bffs = await suite.replicas(3);
    expect(await readinessBody(bffs[0])).toEqual({
      status: 200,
      redis: { status: 'up', topology: 'standalone' },
    });
    expect(await coldRequests(bffs, 150)).toEqual(Array(150).fill(200));
    expect(suite.sim.tokenRequestCount()).toBe(1);
  });

  it('counts writes across replicas, within the keys the ACL user may touch', async () => {
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
    await until(async () => (await suite.redis.entries()).some((e) => TOKEN_KEY.test(e.key)));
    expectTokenNowhere(await suite.redis.entries(), bearerTokensSeen(suite.sim)[0]);
  });

  it('does not connect to a server whose CA it was not given, and still serves on the in-process token', async () => {
    const bff = await suite.startBff({ REDIS_TLS_CA_FILE: undefined });
    await getIdentity(bff).expect(200);
    expect(await readiness(bff)).toBe(503);
    expect(await suite.redis.entries()).toEqual([]);
  });

  it('does not connect with a wrong password, and never logs the password', async () => {
    const url = suite.redis.url.replace(BFF_USER.password, 'wrong-password');
    const bff = await suite.startBff({ REDIS_URL: url });
    await getIdentity(bff).expect(200);
    expect(await readiness(bff)).toBe(503);
    expect(bff.logs.join('\n')).not.toContain('wrong-password');
  });
});
