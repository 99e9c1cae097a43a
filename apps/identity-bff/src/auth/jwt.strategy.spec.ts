import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { JWTVerifyGetKey, SignJWT } from 'jose';
import { ProblemException } from '../common/problem.exception';
import { AppConfig } from '../config/app-config';
import { KeysUnavailableError } from './jwks-key-set';
import { JwtStrategy } from './jwt.strategy';

const ISSUER = 'https://auth.test.example';
const AUDIENCE = 'identity-bff';
const USER_ID = '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d21';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const nowSeconds = () => Math.floor(Date.now() / 1000);

function config(userIdClaim = 'sub'): AppConfig {
  return {
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256', 'ES256'], userIdClaim },
  } as AppConfig;
}

/** A JWT with valid claims for USER_ID, signed RS256; `claims` overrides or (undefined) removes any. */
function jwt(
  claims: Record<string, unknown> = {},
  { alg = 'RS256', key = rsa.privateKey }: { alg?: string; key?: KeyObject } = {},
): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: USER_ID,
    exp: nowSeconds() + 300,
    ...claims,
  };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg }).sign(key);
}

function setUp(keys: JWTVerifyGetKey = jest.fn(() => rsa.publicKey), userIdClaim?: string) {
  const strategy = new JwtStrategy(config(userIdClaim), keys);
  const validate = (authorization?: string) => strategy.validate({ headers: { authorization } });
  return { strategy, validate, keys };
}

async function problemOf(result: Promise<unknown>): Promise<ProblemException> {
  const error = await result.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProblemException);
  return error as ProblemException;
}

describe('JwtStrategy', () => {
  it('accepts a valid bearer JWT and gives the user id of its sub claim', async () => {
    const { validate } = setUp();
    expect(await validate(`Bearer ${await jwt()}`)).toEqual({ userId: USER_ID });
  });

  it('reads the scheme case-insensitively and allows more than one space before the token', async () => {
    const { validate } = setUp();
    const token = await jwt();
    expect(await validate(`bearer ${token}`)).toEqual({ userId: USER_ID });
    expect(await validate(`BEARER   ${token}`)).toEqual({ userId: USER_ID });
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic YTpi'],
    ['a scheme without a token', 'Bearer '],
    ['a token glued to the scheme', 'Bearerabc.def.ghi'],
    ['two tokens', 'Bearer abc.def.ghi jkl'],
    ['text before the scheme', 'x Bearer abc.def.ghi'],
  ])('refuses %s without asking for a key', async (_, authorization) => {
    const { validate, keys } = setUp();
    expect(await validate(authorization)).toBe(false);
    expect(keys).not.toHaveBeenCalled();
  });

  it.each([
    ['a token without exp', () => jwt({ exp: undefined })],
    ['an exp that is not a number', () => jwt({ exp: String(nowSeconds() + 300) })],
    ['an exp more than 30 s ago', () => jwt({ exp: nowSeconds() - 31 })],
    ['an nbf more than 30 s ahead', () => jwt({ nbf: nowSeconds() + 31 })],
    ['another issuer', () => jwt({ iss: 'https://evil.example' })],
    ['no issuer', () => jwt({ iss: undefined })],
    ['another audience', () => jwt({ aud: 'another-api' })],
    ['a signature by another key', () => jwt({}, { key: otherRsa.privateKey })],
    ['an algorithm not allowed (RS512)', () => jwt({}, { alg: 'RS512' })],
    ['an allowed algorithm the key does not fit (ES256)', () => esToken()],
    ['a malformed token', () => Promise.resolve('not.a.jwt')],
    ['alg none', () => Promise.resolve(unsignedToken())],
  ])('refuses %s (401)', async (_, token) => {
    const { validate } = setUp();
    expect(await validate(`Bearer ${await token()}`)).toBe(false);
  });

  it('accepts exp and nbf within the 30 s clock tolerance', async () => {
    const { validate } = setUp();
    const token = await jwt({ exp: nowSeconds() - 25, nbf: nowSeconds() + 25 });
    expect(await validate(`Bearer ${token}`)).toEqual({ userId: USER_ID });
  });

  it('accepts an audience list that contains the audience', async () => {
    const { validate } = setUp();
    const token = await jwt({ aud: ['other', AUDIENCE] });
    expect(await validate(`Bearer ${token}`)).toEqual({ userId: USER_ID });
  });

  it('takes the user id from the configured claim only, in lower case', async () => {
    const { validate } = setUp(undefined, 'uphold_user_id');
    const token = await jwt({ sub: 'john', uphold_user_id: USER_ID.toUpperCase() });
    expect(await validate(`Bearer ${token}`)).toEqual({ userId: USER_ID });
  });

  it.each([
    ['no user id claim', { sub: undefined }],
    ['a user id that is not a string', { sub: 42 }],
    ['a user id that is not a UUID', { sub: 'john.doe' }],
    ['a UUID with a prefix', { sub: `x${USER_ID}` }],
    ['a UUID with a suffix', { sub: `${USER_ID}x` }],
    ['a UUID of version 0', { sub: '6f1c1f64-2d7b-0b8e-9a55-1f4f0c0b9d21' }],
    ['a UUID of version 9', { sub: '6f1c1f64-2d7b-9b8e-9a55-1f4f0c0b9d21' }],
    ['a UUID of another variant', { sub: '6f1c1f64-2d7b-4b8e-7a55-1f4f0c0b9d21' }],
    ['a UUID with a short group', { sub: '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d2' }],
    ['a UUID inside a list', { sub: [USER_ID] }],
  ])('answers 403 user_not_linked for %s', async (_, claims) => {
    const { validate } = setUp();
    const problem = await problemOf(validate(`Bearer ${await jwt(claims)}`));
    expect(problem).toMatchObject({
      status: 403,
      code: 'user_not_linked',
      detail: 'The access token does not carry a usable user id.',
    });
  });

  it.each([
    ['version 1, variant 8', '6f1c1f64-2d7b-1b8e-8a55-1f4f0c0b9d21'],
    ['version 8, variant b', '6f1c1f64-2d7b-8b8e-ba55-1f4f0c0b9d21'],
  ])('accepts a UUID of %s', async (_, userId) => {
    const { validate } = setUp();
    expect(await validate(`Bearer ${await jwt({ sub: userId })}`)).toEqual({ userId });
  });

  it('verifies a token once: while it lives, it is accepted again without a key lookup', async () => {
    const { validate, keys } = setUp();
    const token = await jwt();
    await validate(`Bearer ${token}`);
    expect(await validate(`Bearer ${token}`)).toEqual({ userId: USER_ID });
    expect(keys).toHaveBeenCalledTimes(1);
  });

  it('knows a token only once it verified it, and only while it lives', async () => {
    const { strategy, validate } = setUp();
    const token = await jwt();
    const headers = { authorization: `Bearer ${token}` };
    expect(strategy.knownUser(headers)).toBeUndefined();
    expect(strategy.knownUser({})).toBeUndefined();
    await validate(headers.authorization);
    expect(strategy.knownUser(headers)).toEqual({ userId: USER_ID });
    expect(strategy.knownUser({ authorization: `Bearer ${token}x` })).toBeUndefined();
    const expired = await jwt({ exp: nowSeconds() - 31 });
    await validate(`Bearer ${expired}`);
    expect(strategy.knownUser({ authorization: `Bearer ${expired}` })).toBeUndefined();
  });

  it('stops accepting a remembered token once it expired, past the clock tolerance', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const { validate } = setUp(); // its cache reads the faked clock, as jose does
      const token = await jwt({ exp: nowSeconds() + 60 });
      expect(await validate(`Bearer ${token}`)).toEqual({ userId: USER_ID });
      jest.setSystemTime(Date.now() + (60 + 30 + 1) * 1000);
      expect(await validate(`Bearer ${token}`)).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never remembers a refused token', async () => {
    const { validate, keys } = setUp();
    const forged = await jwt({}, { key: otherRsa.privateKey });
    await validate(`Bearer ${forged}`);
    await validate(`Bearer ${forged}`);
    expect(keys).toHaveBeenCalledTimes(2);
    const unlinked = await jwt({ sub: 'john' });
    await problemOf(validate(`Bearer ${unlinked}`));
    await problemOf(validate(`Bearer ${unlinked}`));
    expect(keys).toHaveBeenCalledTimes(4);
  });

  it('answers 503 identity_provider_unavailable with Retry-After when no key can be had', async () => {
    const { validate } = setUp(() => Promise.reject(new KeysUnavailableError(17)));
    const problem = await problemOf(validate(`Bearer ${await jwt()}`));
    expect(problem).toMatchObject({
      status: 503,
      code: 'identity_provider_unavailable',
      detail: 'The identity provider cannot be reached to verify the access token; retry later.',
    });
    expect(problem.headers).toEqual({ 'Retry-After': '17' });
  });

  it('refuses (401) when the key lookup fails otherwise', async () => {
    const { validate } = setUp(() => Promise.reject(new TypeError('no key for that')));
    expect(await validate(`Bearer ${await jwt()}`)).toBe(false);
  });

  it('asks the key resolver with the token header', async () => {
    const { validate, keys } = setUp();
    await validate(`Bearer ${await jwt()}`);
    expect(keys).toHaveBeenCalledWith(expect.objectContaining({ alg: 'RS256' }), expect.anything());
  });
});

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
function esToken(): Promise<string> {
  return jwt({}, { alg: 'ES256', key: ec.privateKey });
}

function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: USER_ID, exp: nowSeconds() + 300 };
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}
