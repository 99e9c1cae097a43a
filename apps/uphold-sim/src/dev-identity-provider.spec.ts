import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { decode, verify } from 'jsonwebtoken';
import {
  DEV_IDP_AUDIENCE,
  DEV_IDP_ISSUER,
  devIdentityProviderOptions,
} from './dev-identity-provider';
import { UpholdSimulator } from './simulator';

const USER = '0b5a8c8e-9f1d-4c43-9a3e-5f7e2d1c6b4a';

describe('the development identity provider of the simulator', () => {
  let simulator: UpholdSimulator;
  beforeAll(async () => {
    simulator = new UpholdSimulator({ clientId: 'c', clientSecret: 's' });
    await simulator.start();
  });
  afterAll(() => simulator.stop());

  const mint = (body: unknown) =>
    fetch(`${simulator.url}/__dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('mints an ES256 token for the given user that verifies against its JWKS', async () => {
    const minted = (await (await mint({ sub: USER })).json()) as Record<string, unknown>;
    expect(minted).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const jwks = (await (await fetch(`${simulator.url}/.well-known/jwks.json`)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    const token = String(minted.access_token);
    expect(decode(token, { complete: true })?.header.kid).toBe(key.kid);
    const claims = verify(token, createPublicKey({ key, format: 'jwk' }), {
      algorithms: ['ES256'],
      issuer: DEV_IDP_ISSUER,
      audience: DEV_IDP_AUDIENCE,
    });
    expect(claims).toMatchObject({ sub: USER });
  });

  it('takes a lifetime in seconds', async () => {
    const minted = (await (await mint({ sub: USER, expiresIn: 60 })).json()) as {
      access_token: string;
    };
    const claims = decode(minted.access_token) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('answers 400 without a user id or with a bad lifetime, and 405 to other methods', async () => {
    for (const body of [
      {},
      { sub: '' },
      { sub: 7 },
      { sub: USER, expiresIn: 0 },
      { sub: USER, expiresIn: '60' },
    ]) {
      const response = await mint(body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await fetch(`${simulator.url}/__dev/tokens`)).status).toBe(405);
    expect((await fetch(`${simulator.url}/.well-known/jwks.json`, { method: 'POST' })).status).toBe(
      405,
    );
  });
});

describe('devIdentityProviderOptions', () => {
  it('refuses to mint under NODE_ENV=production unless SIM_ALLOW_DEV_TOKENS=true', () => {
    expect(devIdentityProviderOptions({}).mintingAllowed).toBe(true);
    expect(devIdentityProviderOptions({ NODE_ENV: 'development' }).mintingAllowed).toBe(true);
    expect(devIdentityProviderOptions({ NODE_ENV: 'production' }).mintingAllowed).toBe(false);
    expect(
      devIdentityProviderOptions({ NODE_ENV: 'production', SIM_ALLOW_DEV_TOKENS: 'yes' })
        .mintingAllowed,
    ).toBe(false);
    expect(
      devIdentityProviderOptions({ NODE_ENV: 'production', SIM_ALLOW_DEV_TOKENS: 'true' })
        .mintingAllowed,
    ).toBe(true);
  });

  it('puts the issuer and audience from the environment, or the compose defaults', () => {
    expect(devIdentityProviderOptions({})).toMatchObject({
      issuer: DEV_IDP_ISSUER,
      audience: DEV_IDP_AUDIENCE,
    });
    expect(
      devIdentityProviderOptions({ SIM_DEV_ISSUER: 'https://idp.test/', SIM_DEV_AUDIENCE: 'x' }),
    ).toMatchObject({ issuer: 'https://idp.test/', audience: 'x' });
  });
});
