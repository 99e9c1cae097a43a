import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { DEFAULT_JWKS_TIMING, JwksTiming } from '../apps/identity-bff/src/auth/jwks-timing';
import { TestBff, startBff, testEnv, useSimulatorAndBff } from './support/bff';
import { until } from './support/eventually';
import { JwksServer } from './support/jwks-server';
import {
  AUDIENCE,
  ISSUER,
  OTHER_USER_ID,
  publicKeyPem,
  rsa,
  USER_ID,
  userToken,
} from './support/test-keys';

const base64url = (value: object): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

const suite = useSimulatorAndBff();
beforeEach(() => suite.sim.reset());

function getIdentity(authorization?: string) {
  const call = request(suite.bff.url).get('/me/identity');
  return authorization === undefined ? call : call.set('Authorization', authorization);
}

describe('end-user JWT (contract §2)', () => {
  const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const unsignedNone = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: USER_ID,
    exp: now() + 300,
  })}.`;

  const rejected: [string, () => string | undefined][] = [
    ['a missing Authorization header', () => undefined],
    ['a non-bearer scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a malformed token', () => 'Bearer not.a.jwt'],
    [
      'an expired token (beyond the 30 s tolerance)',
      () => `Bearer ${userToken({}, { exp: now() - 60 })}`,
    ],
    [
      'a token not yet valid (beyond the tolerance)',
      () => `Bearer ${userToken({ notBefore: 60 })}`,
    ],
    ['a token without exp', () => `Bearer ${userToken({}, { exp: undefined })}`],
    ['a wrong issuer', () => `Bearer ${userToken({}, { iss: 'https://evil.example' })}`],
    ['a wrong audience', () => `Bearer ${userToken({}, { aud: 'another-api' })}`],
    ['a bad signature', () => `Bearer ${userToken({}, {}, otherRsa.privateKey)}`],
    ['alg none', () => `Bearer ${unsignedNone}`],
    [
      'HS256 signed with the public key',
      () =>
        `Bearer ${sign({ sub: USER_ID }, publicKeyPem, {
          algorithm: 'HS256',
          issuer: ISSUER,
          audience: AUDIENCE,
          expiresIn: 300,
        })}`,
    ],
    [
      'an ES256 token when the key is RSA',
      () => `Bearer ${userToken({ algorithm: 'ES256' }, {}, ec.privateKey)}`,
    ],
    [
      'an algorithm not in AUTH_ALGORITHMS (RS512)',
      () => `Bearer ${userToken({ algorithm: 'RS512' })}`,
    ],
  ];

  it.each(rejected)(
    'returns 401 unauthorized for %s, and calls nothing upstream',
    async (_, token) => {
      const response = await getIdentity(token());
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(response.body).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(suite.sim.requests).toHaveLength(0);
    },
  );

  it('accepts a token expired less than 30 s ago (clock tolerance)', async () => {
    const response = await getIdentity(`Bearer ${userToken({}, { exp: now() - 10 })}`);
    expect(response.status).toBe(200);
  });

  it('accepts an audience list that contains AUTH_AUDIENCE', async () => {
    const response = await getIdentity(`Bearer ${userToken({}, { aud: ['other', AUDIENCE] })}`);
    expect(response.status).toBe(200);
  });

  it('accepts a token again once verified, yet refuses the same claims with another signature', async () => {
    const claims = { iat: now(), exp: now() + 300 };
    const token = userToken({}, claims);
    expect((await getIdentity(`Bearer ${token}`)).status).toBe(200);
    expect((await getIdentity(`Bearer ${token}`)).status).toBe(200);
    const forged = userToken({}, claims, otherRsa.privateKey);
    expect(forged.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect((await getIdentity(`Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses a token without a usable user id every time (a refusal is never remembered)', async () => {
    const token = userToken({}, { sub: 'john.doe' });
    expect((await getIdentity(`Bearer ${token}`)).status).toBe(403);
    expect((await getIdentity(`Bearer ${token}`)).status).toBe(403);
  });

  it.each([
    ['has no user id claim', () => userToken({}, { sub: undefined })],
    ['has a user id that is not a UUID', () => userToken({}, { sub: 'john.doe' })],
  ])('returns 403 user_not_linked when the token %s', async (_, token) => {
    const response = await getIdentity(`Bearer ${token()}`);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'user_not_linked' });
    expect(suite.sim.requests).toHaveLength(0);
  });

  it('leaves the health routes public', async () => {
    expect((await request(suite.bff.url).get('/health/live')).status).toBe(200);
    expect((await request(suite.bff.url).get('/health/ready')).status).toBe(200);
  });
});

describe('AUTH_USER_ID_CLAIM', () => {
  it('takes the upstream user id from the configured claim only', async () => {
    const custom = await startBff(testEnv(suite.sim.url, { AUTH_USER_ID_CLAIM: 'uphold_user_id' }));
    try {
      const token = userToken({}, { sub: OTHER_USER_ID, uphold_user_id: USER_ID });
      const response = await request(custom.url)
        .get('/me/identity')
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(suite.sim.requestsTo('getKyc')[0].headers['x-on-behalf-of']).toBe(`user ${USER_ID}`);
    } finally {
      await custom.close();
    }
  });
});

describe('keys from AUTH_JWKS_URI (contract §2)', () => {
  const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** The key set's clock, driven by each test: the real 30 s and 10 min intervals, no waiting. */
  const clock = { ms: 0 };
  let jwks: JwksServer;
  let bff: TestBff;

  beforeEach(async () => {
    clock.ms = 0;
    jwks = new JwksServer();
    jwks.addKey('key-1', rsa.publicKey);
    const env = testEnv(suite.sim.url, {
      AUTH_PUBLIC_KEY: undefined,
      AUTH_JWKS_URI: await jwks.start(),
    });
    const timing: JwksTiming = { ...DEFAULT_JWKS_TIMING, now: () => clock.ms };
    bff = await startBff(env, { overrides: [{ provide: JwksTiming, useValue: timing }] });
  });
  afterEach(async () => {
    await bff.close();
    await jwks.stop();
  });

  /** A token signed for `kid`, never seen before (so the verified-token cache cannot answer it). */
  const tokenFor = (kid: string, key: KeyObject = rsa.privateKey) =>
    userToken({ keyid: kid }, { jti: randomUUID() }, key);
  const call = (token: string) =>
    request(bff.url).get('/me/identity').set('Authorization', `Bearer ${token}`);
  const statusFor = async (kid: string, key?: KeyObject) => (await call(tokenFor(kid, key))).status;

  it('verifies with the key named by kid, fetching the key set once', async () => {
    expect(await statusFor('key-1')).toBe(200);
    expect(await statusFor('key-1')).toBe(200);
    expect(jwks.fetches).toBe(1);
  });

  it('refetches the key set for an unknown kid, so a rotated key is accepted', async () => {
    expect(await statusFor('key-1')).toBe(200);
    jwks.addKey('key-2', rotated.publicKey);
    clock.ms += 30_000;
    expect(await statusFor('key-2', rotated.privateKey)).toBe(200);
    expect(jwks.fetches).toBe(2);
  });

  it('refuses a kid the key set lacks with 401, refetching for unknown kids at most once per 30 s', async () => {
    expect(await statusFor('key-1')).toBe(200);
    for (let i = 0; i < 5; i++) expect(await statusFor(`unknown-${i}`)).toBe(401);
    expect(jwks.fetches).toBe(1);
    clock.ms += 29_999;
    expect(await statusFor('unknown-5')).toBe(401);
    expect(jwks.fetches).toBe(1);
    clock.ms += 1;
    for (let i = 6; i < 10; i++) expect(await statusFor(`unknown-${i}`)).toBe(401);
    expect(jwks.fetches).toBe(2);
  });

  it('under a flood of unknown kids, keeps the known key verifying and lets a new key in within 30 s of its first use', async () => {
    const fetchedAt: number[] = [];
    let firstUse: number | undefined;
    let acceptedAt: number | undefined;
    for (let step = 0; step < 24 && acceptedAt === undefined; step++) {
      clock.ms = step * 5_000;
      const junk = await Promise.all([1, 2, 3].map((n) => statusFor(`junk-${step}-${n}`)));
      expect(junk).toEqual([401, 401, 401]);
      expect(await statusFor('key-1')).toBe(200);
      if (clock.ms === 35_000) jwks.addKey('key-2', rotated.publicKey);
      if (clock.ms >= 35_000) {
        firstUse ??= clock.ms;
        if ((await statusFor('key-2', rotated.privateKey)) === 200) acceptedAt = clock.ms;
      }
      while (fetchedAt.length < jwks.fetches) fetchedAt.push(clock.ms);
    }
    expect(acceptedAt! - firstUse!).toBeLessThanOrEqual(30_000);
    const gaps = fetchedAt.slice(1).map((at, i) => at - fetchedAt[i]);
    expect(gaps.every((gap) => gap >= 30_000)).toBe(true);
  });

  it('keeps verifying known keys with the stale key set while the JWKS endpoint fails, and drops a withdrawn key once a refresh succeeds', async () => {
    expect(await statusFor('key-1')).toBe(200);
    jwks.status = 503;
    clock.ms += DEFAULT_JWKS_TIMING.refreshIntervalMs;
    expect(await statusFor('key-1')).toBe(200);
    await until(() => jwks.fetches === 2); // the background refresh, refused
    expect(await statusFor('key-1')).toBe(200);

    jwks.status = 200;
    jwks.removeKey('key-1');
    jwks.addKey('key-2', rotated.publicKey);
    clock.ms += 30_000;
    expect(await statusFor('key-1')).toBe(200); // served while the refresh runs
    await until(async () => (await statusFor('key-1')) === 401);
    expect(await statusFor('key-2', rotated.privateKey)).toBe(200);
    expect(jwks.fetches).toBe(3);
  });

  it('keeps answering 200 for known keys while the JWKS endpoint is unreachable; a kid it lacks gets 503, not 401', async () => {
    expect(await statusFor('key-1')).toBe(200);
    await jwks.stop();
    clock.ms += DEFAULT_JWKS_TIMING.refreshIntervalMs;
    expect(await statusFor('key-1')).toBe(200);
    const unknown = await call(tokenFor('key-2', rotated.privateKey));
    expect(unknown.status).toBe(503);
    expect(unknown.body).toMatchObject({ code: 'identity_provider_unavailable' });
    expect(await statusFor('key-1')).toBe(200);
  });

  it('answers 503 identity_provider_unavailable with Retry-After when the JWKS endpoint is unreachable and no key is held', async () => {
    await jwks.stop();
    const response = await call(tokenFor('key-1'));
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.headers['www-authenticate']).toBeUndefined();
    expect(response.body).toMatchObject({ status: 503, code: 'identity_provider_unavailable' });
    expect(suite.sim.requests).toHaveLength(0);
  });

  it('while the JWKS endpoint fails and no key is held, tries it at most once per 30 s and recovers', async () => {
    jwks.status = 500;
    const first = await call(tokenFor('key-1'));
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('30');
    clock.ms += 10_000;
    const second = await call(tokenFor('key-1'));
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('20');
    expect(jwks.fetches).toBe(1);
    jwks.status = 200;
    clock.ms += 20_000;
    expect(await statusFor('key-1')).toBe(200);
    expect(jwks.fetches).toBe(2);
  });
});
