import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const minimal = {
  UPHOLD_CLIENT_ID: 'client',
  UPHOLD_CLIENT_SECRET: 'super-secret-value',
  AUTH_ISSUER: 'https://issuer.example',
  AUTH_AUDIENCE: 'identity-bff',
  AUTH_JWKS_URI: 'https://issuer.example/.well-known/jwks.json',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults of contract §5', () => {
    const config = loadConfig(minimal);
    expect(config.port).toBe(3000);
    expect(config.uphold.baseUrl).toBe('https://api.enterprise.sandbox.uphold.com');
    expect(config.uphold.timeoutMs).toBe(10_000);
    expect(config.uphold.tokenExpirySkewSeconds).toBe(60);
    expect(config.uphold.redisUrl).toBeUndefined();
    expect(config.auth.algorithms).toEqual(['RS256', 'ES256']);
    expect(config.auth.userIdClaim).toBe('sub');
    expect(config.trustProxy).toBe(1);
    expect(config.corsOrigins).toEqual([]);
    expect(config.logLevel).toBe('info');
  });

  it('reads numbers, lists and a PEM given with escaped newlines', () => {
    const config = loadConfig({
      ...minimal,
      AUTH_JWKS_URI: '',
      AUTH_PUBLIC_KEY: pem.replace(/\n/g, '\\n'),
      PORT: '8080',
      AUTH_ALGORITHMS: 'ES256, PS256',
      CORS_ORIGINS: 'https://app.example,https://admin.example',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.port).toBe(8080);
    expect(config.auth.algorithms).toEqual(['ES256', 'PS256']);
    expect(config.auth.publicKey?.asymmetricKeyType).toBe('ec');
    expect(config.corsOrigins).toEqual(['https://app.example', 'https://admin.example']);
    expect(config.uphold.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('reports one line per problem, each naming its variable', () => {
    const problems = problemsOf({
      UPHOLD_CLIENT_SECRET: 'super-secret-value',
      PORT: 'eighty',
      AUTH_ALGORITHMS: 'HS256,none',
      REDIS_URL: 'http://not-redis',
      LOG_LEVEL: 'loud',
    });
    for (const name of [
      'UPHOLD_CLIENT_ID',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_JWKS_URI',
      'PORT',
      'AUTH_ALGORITHMS',
      'REDIS_URL',
      'LOG_LEVEL',
    ]) {
      expect(problems.filter((line) => line.startsWith(`${name}: `))).toHaveLength(1);
    }
    expect(problems.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('never puts the client secret in a problem', () => {
    const problems = problemsOf({ ...minimal, UPHOLD_CLIENT_ID: '', PORT: 'x' });
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });

  it('limits each user to 120 reads and 20 writes a minute by default, configurable', () => {
    expect(loadConfig(minimal).rateLimit).toEqual({ readsPerMinute: 120, writesPerMinute: 20 });
    const config = loadConfig({
      ...minimal,
      RATE_LIMIT_READS_PER_MINUTE: '100000',
      RATE_LIMIT_WRITES_PER_MINUTE: '5',
    });
    expect(config.rateLimit).toEqual({ readsPerMinute: 100_000, writesPerMinute: 5 });
    const problems = problemsOf({
      ...minimal,
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: 'many',
    });
    expect(problems.map((line) => line.split(':')[0])).toEqual([
      'RATE_LIMIT_READS_PER_MINUTE',
      'RATE_LIMIT_WRITES_PER_MINUTE',
    ]);
  });

  it('refuses a public key that is not a PEM', () => {
    const problems = problemsOf({ ...minimal, AUTH_JWKS_URI: undefined, AUTH_PUBLIC_KEY: 'nope' });
    expect(problems).toEqual(['AUTH_PUBLIC_KEY: must be a PEM-encoded public key']);
  });
});
