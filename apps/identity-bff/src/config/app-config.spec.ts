import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(config.uphold.redis).toBeUndefined();
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
    expect(config.uphold.redis).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
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

  it('reads a Redis Cluster from comma-separated seed URLs', () => {
    const config = loadConfig({
      ...minimal,
      REDIS_CLUSTER_NODES: 'rediss://bff:pw@10.0.0.1:6379, rediss://10.0.0.2:6379',
    });
    expect(config.uphold.redis).toEqual({
      kind: 'cluster',
      seeds: ['rediss://bff:pw@10.0.0.1:6379', 'rediss://10.0.0.2:6379'],
    });
  });

  it('reads Redis behind Sentinel from the sentinel URLs and the master name', () => {
    const config = loadConfig({
      ...minimal,
      REDIS_SENTINELS: 'redis://s1:26379,redis://s2:26379',
      REDIS_SENTINEL_MASTER: 'bff-master',
    });
    expect(config.uphold.redis).toEqual({
      kind: 'sentinel',
      sentinels: ['redis://s1:26379', 'redis://s2:26379'],
      masterName: 'bff-master',
    });
  });

  it('refuses two Redis topologies at once, naming both in one line', () => {
    expect(
      problemsOf({
        ...minimal,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7000',
      }),
    ).toEqual([
      'REDIS_URL, REDIS_CLUSTER_NODES: set at most one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS (conflicting Redis settings)',
    ]);
    const all = problemsOf({
      ...minimal,
      REDIS_URL: 'redis://a:6379',
      REDIS_CLUSTER_NODES: 'redis://b:7000',
      REDIS_SENTINELS: 'redis://c:26379',
      REDIS_SENTINEL_MASTER: 'm',
    });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatch(/^REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS: /);
  });

  it('refuses REDIS_SENTINELS without REDIS_SENTINEL_MASTER, and the reverse', () => {
    expect(problemsOf({ ...minimal, REDIS_SENTINELS: 'redis://s1:26379' })).toEqual([
      "REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS (the master's name)",
    ]);
    expect(problemsOf({ ...minimal, REDIS_SENTINEL_MASTER: 'bff-master' })).toEqual([
      'REDIS_SENTINELS: is required with REDIS_SENTINEL_MASTER',
    ]);
  });

  it('refuses seed lists that are not redis URLs, or that mix redis:// and rediss://', () => {
    expect(problemsOf({ ...minimal, REDIS_CLUSTER_NODES: 'redis://a:1,http://b:2' })).toEqual([
      'REDIS_CLUSTER_NODES: must be a comma-separated list of redis:// or rediss:// URLs',
    ]);
    expect(problemsOf({ ...minimal, REDIS_CLUSTER_NODES: 'redis://a:1,rediss://b:2' })).toEqual([
      'REDIS_CLUSTER_NODES: every URL must use the same scheme, redis:// or rediss://',
    ]);
  });

  it('trusts the CA of REDIS_TLS_CA_FILE for every topology, and refuses a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-ca-'));
    const caFile = join(dir, 'ca.pem');
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(caFile, ca);
    const config = loadConfig({
      ...minimal,
      REDIS_SENTINELS: 'rediss://s1:26379',
      REDIS_SENTINEL_MASTER: 'm',
      REDIS_TLS_CA_FILE: caFile,
    });
    expect(config.uphold.redis?.tls).toEqual({ ca });
    expect(
      problemsOf({ ...minimal, REDIS_URL: 'rediss://r:6379', REDIS_TLS_CA_FILE: join(dir, 'no') }),
    ).toEqual(['REDIS_TLS_CA_FILE: cannot be read as a PEM certificate file']);
  });
});
