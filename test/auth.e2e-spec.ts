import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { TestBff, startBff, testEnv, useSimulatorAndBff } from './support/bff';
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

describe('keys from AUTH_JWKS_URI', () => {
  const jwks = new JwksServer();
  let jwksBff: TestBff;
  const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    jwks.addKey('key-1', rsa.publicKey);
    const jwksUri = await jwks.start();
    jwksBff = await startBff(
      testEnv(suite.sim.url, { AUTH_PUBLIC_KEY: undefined, AUTH_JWKS_URI: jwksUri }),
    );
  });
  afterAll(async () => {
    await jwksBff.close();
    await jwks.stop();
  });

  const call = (token: string) =>
    request(jwksBff.url).get('/me/identity').set('Authorization', `Bearer ${token}`);

  it('verifies with the key named by kid and caches the key set', async () => {
    expect((await call(userToken({ keyid: 'key-1' }))).status).toBe(200);
    expect((await call(userToken({ keyid: 'key-1' }))).status).toBe(200);
    expect(jwks.fetches).toBe(1);
  });

  it('refetches the key set for an unknown kid, so a rotated key is accepted', async () => {
    jwks.addKey('key-2', rotated.publicKey);
    const response = await call(userToken({ keyid: 'key-2' }, {}, rotated.privateKey));
    expect(response.status).toBe(200);
  });

  it('rejects a kid the key set does not have, without refetching more than the rate limit allows', async () => {
    const before = jwks.fetches;
    for (let i = 0; i < 5; i++) {
      expect((await call(userToken({ keyid: `unknown-${i}` }))).status).toBe(401);
    }
    expect(jwks.fetches - before).toBeLessThanOrEqual(1);
  });
});
