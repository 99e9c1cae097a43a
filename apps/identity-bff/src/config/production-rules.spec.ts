import { generateKeyPairSync } from 'node:crypto';
import { DEV_ISSUER } from '../dev/dev-issuer';
import { ConfigError, loadConfig } from './app-config';
import { DEPLOYMENT_VARIABLES, ENVIRONMENT_VARIABLES } from './environment';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const production = {
  NODE_ENV: 'production',
  UPHOLD_BASE_URL: 'https://api.enterprise.sandbox.uphold.com',
  UPHOLD_CLIENT_ID: 'client',
  UPHOLD_CLIENT_SECRET: 'super-secret-value',
  AUTH_ISSUER: 'https://issuer.example',
  AUTH_AUDIENCE: 'identity-bff',
  AUTH_JWKS_URI: 'https://issuer.example/.well-known/jwks.json',
};

const insecure = {
  ...production,
  UPHOLD_BASE_URL: 'http://upstream.internal:8080',
  AUTH_JWKS_URI: 'http://issuer.internal/jwks.json',
  AUTH_ISSUER: DEV_ISSUER,
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the variables the service reads', () => {
  it('are exactly those of contract §5', () => {
    // written out again on purpose: this pins the code's list to the contract's table
    expect([...ENVIRONMENT_VARIABLES].sort()).toEqual(
      [
        'PORT',
        'UPHOLD_BASE_URL',
        'UPHOLD_CLIENT_ID',
        'UPHOLD_CLIENT_SECRET',
        'UPHOLD_SCOPES',
        'REDIS_URL',
        'REDIS_CLUSTER_NODES',
        'REDIS_SENTINELS',
        'REDIS_SENTINEL_MASTER',
        'AUTH_ISSUER',
        'AUTH_AUDIENCE',
        'AUTH_JWKS_URI',
        'AUTH_PUBLIC_KEY',
        'AUTH_ALGORITHMS',
        'AUTH_USER_ID_CLAIM',
        'UPSTREAM_TIMEOUT_MS',
        'TOKEN_EXPIRY_SKEW_SECONDS',
        'TRUST_PROXY',
        'CORS_ORIGINS',
        'LOG_LEVEL',
      ].sort(),
    );
  });

  it('plus the two deployment switches and the Redis CA file', () => {
    expect(DEPLOYMENT_VARIABLES).toEqual([
      'NODE_ENV',
      'ALLOW_INSECURE_LOCAL_RUN',
      'REDIS_TLS_CA_FILE',
    ]);
  });
});

describe('production configuration', () => {
  it('accepts https URLs and a real issuer', () => {
    expect(problemsOf(production)).toEqual([]);
  });

  it('refuses an http upstream, an http JWKS and the development issuer, one line each', () => {
    const problems = problemsOf(insecure);
    expect(problems.map((line) => line.split(':')[0])).toEqual([
      'UPHOLD_BASE_URL',
      'AUTH_JWKS_URI',
      'AUTH_ISSUER',
    ]);
    expect(problems.every((line) => line.includes('ALLOW_INSECURE_LOCAL_RUN=true'))).toBe(true);
    expect(problems.join('\n')).not.toContain('upstream.internal');
  });

  it('refuses the development issuer with a PEM key too', () => {
    const problems = problemsOf({
      ...production,
      AUTH_JWKS_URI: undefined,
      AUTH_PUBLIC_KEY: pem,
      AUTH_ISSUER: DEV_ISSUER,
    });
    expect(problems).toEqual([
      'AUTH_ISSUER: the development issuer of npm run local is refused in production (ALLOW_INSECURE_LOCAL_RUN=true allows it for a local run)',
    ]);
  });

  it('allows all of it when ALLOW_INSECURE_LOCAL_RUN=true', () => {
    const config = loadConfig({ ...insecure, ALLOW_INSECURE_LOCAL_RUN: 'true' });
    expect(config.uphold.baseUrl).toBe('http://upstream.internal:8080');
  });

  it('allows all of it outside production', () => {
    expect(problemsOf({ ...insecure, NODE_ENV: 'development' })).toEqual([]);
    expect(problemsOf({ ...insecure, NODE_ENV: undefined })).toEqual([]);
  });

  it('reports an invalid URL once, not also as insecure', () => {
    expect(problemsOf({ ...production, UPHOLD_BASE_URL: 'http://' })).toEqual([
      'UPHOLD_BASE_URL: must be a URL address',
    ]);
  });

  it('refuses an ALLOW_INSECURE_LOCAL_RUN that is not true or false', () => {
    expect(problemsOf({ ...production, ALLOW_INSECURE_LOCAL_RUN: 'yes' })).toEqual([
      'ALLOW_INSECURE_LOCAL_RUN: must be one of the following values: true, false',
    ]);
  });
});
