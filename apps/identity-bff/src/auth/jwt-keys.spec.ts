import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { AuthConfig } from '../config/app-config';
import { KeysUnavailableError } from './jwks-key-set';
import { DEFAULT_JWKS_TIMING } from './jwks-timing';
import { jwtKeysFor } from './jwt-keys';

const auth = (keys: Partial<AuthConfig>): AuthConfig => ({
  issuer: 'https://auth.test.example',
  audience: 'identity-bff',
  algorithms: ['RS256'],
  userIdClaim: 'sub',
  ...keys,
});
const header = { alg: 'RS256', kid: 'k1' };
const token = { payload: '', signature: '' };

/** A port nothing listens on (a fetch there is refused). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('jwtKeysFor', () => {
  it('resolves every token to the AUTH_PUBLIC_KEY key, parsed once', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = jwtKeysFor(auth({ publicKey }), DEFAULT_JWKS_TIMING);
    expect(await keys(header, token)).toBe(publicKey);
  });

  it('prefers AUTH_PUBLIC_KEY when AUTH_JWKS_URI is set too', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = jwtKeysFor(
      auth({ publicKey, jwksUri: 'http://127.0.0.1:9/' }),
      DEFAULT_JWKS_TIMING,
    );
    expect(await keys(header, token)).toBe(publicKey);
  });

  it('otherwise fetches the keys from AUTH_JWKS_URI', async () => {
    const jwksUri = `http://127.0.0.1:${await closedPort()}/.well-known/jwks.json`;
    const keys = jwtKeysFor(auth({ jwksUri }), DEFAULT_JWKS_TIMING);
    await expect(keys(header, token)).rejects.toBeInstanceOf(KeysUnavailableError);
  });

  it('refuses to start with neither', () => {
    expect(() => jwtKeysFor(auth({}), DEFAULT_JWKS_TIMING)).toThrow(
      'AUTH_JWKS_URI or AUTH_PUBLIC_KEY is required',
    );
  });
});

describe('DEFAULT_JWKS_TIMING', () => {
  it('fetches at most once per 30 s, refreshes after 10 min, gives a fetch 5 s', () => {
    expect(DEFAULT_JWKS_TIMING).toMatchObject({
      minFetchIntervalMs: 30_000,
      refreshIntervalMs: 600_000,
      fetchTimeoutMs: 5_000,
    });
  });

  it('reads a clock that never goes back', () => {
    const before = performance.now();
    const reading = DEFAULT_JWKS_TIMING.now();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(performance.now());
  });
});
