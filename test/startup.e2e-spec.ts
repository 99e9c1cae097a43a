import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Server } from 'node:net';
import request from 'supertest';
import { UpholdSimulator } from '../apps/uphold-sim/src';
import { startSimulator, testEnv } from './support/bff';
import { run, stop, waitFor } from './support/built-service';
import { freePort } from './support/free-port';
import { userToken } from './support/test-keys';

describe('configuration at start (contract §5)', () => {
  it('exits 1 with one line per problem, naming each variable, never the secret or a stack', async () => {
    const started = run('main.js', {
      UPHOLD_CLIENT_SECRET: 'very-secret-value',
      PORT: 'eighty',
      UPHOLD_BASE_URL: 'ftp://upstream',
      AUTH_ALGORITHMS: 'HS256',
    });
    const [code] = (await once(started.child, 'exit')) as [number];
    const lines = started.output().trim().split('\n');
    expect(code).toBe(1);
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual([
      'AUTH_ALGORITHMS',
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URI',
      'PORT',
      'UPHOLD_BASE_URL',
      'UPHOLD_CLIENT_ID',
    ]);
    expect(started.output()).not.toContain('very-secret-value');
    expect(started.output()).not.toMatch(/\n\s+at /);
  });

  it('exits 1 in production for an http upstream, naming the variable that allows it locally', async () => {
    const started = run('main.js', { ...testEnv('http://127.0.0.1:9'), NODE_ENV: 'production' });
    const [code] = (await once(started.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(started.output().trim().split('\n')).toEqual([
      'UPHOLD_BASE_URL: must be an https URL in production (ALLOW_INSECURE_LOCAL_RUN=true allows it for a local run)',
    ]);
  });
});

/** Takes `port` on `host` for the test, as another process would. */
async function occupy(port: number, host: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

/** The lines a process wrote that are not JSON log lines. */
function plainLines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
}

describe('a port that cannot be bound (contract §5)', () => {
  let sim: UpholdSimulator;
  beforeAll(async () => (sim = await startSimulator()));
  afterAll(() => sim.stop());

  it.each([
    ['main.js', '0.0.0.0', (port: string) => testEnv(sim.url, { PORT: port })],
    ['local.js', '127.0.0.1', (port: string) => ({ PORT: port })],
  ])('%s exits 1 at once with one line saying so, no stack', async (script, host, env) => {
    const port = await freePort();
    const taken = await occupy(port, host);
    try {
      const started = run(script, env(String(port)));
      const [code] = (await once(started.child, 'exit')) as [number];
      expect(code).toBe(1);
      expect(plainLines(started.output())).toEqual([
        `listen EADDRINUSE: port ${port} on ${host} is already in use`,
      ]);
      expect(started.output()).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });
});

describe('npm run start:prod', () => {
  let sim: UpholdSimulator;
  beforeAll(async () => (sim = await startSimulator()));
  afterAll(() => sim.stop());

  it('serves the API from the environment and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const started = run('main.js', {
      ...testEnv(sim.url),
      PORT: String(port),
      NODE_ENV: 'production',
      ALLOW_INSECURE_LOCAL_RUN: 'true', // the simulator speaks http
    });
    try {
      await waitFor(started, /Nest application successfully started/);
      const url = `http://127.0.0.1:${port}`;
      await request(url)
        .get('/me/identity')
        .set('Authorization', `Bearer ${userToken()}`)
        .expect(200);
    } finally {
      expect(await stop(started)).toBe(0);
    }
  });
});

describe('npm run local', () => {
  it('prints a curl that works as pasted and returns an identity', async () => {
    const port = await freePort();
    const started = run('local.js', { PORT: String(port) });
    try {
      const [curl] = await waitFor(started, /^curl -s -H .*$/m);
      const curlRun = spawn('bash', ['-c', curl], { stdio: ['ignore', 'pipe', 'inherit'] });
      let body = '';
      curlRun.stdout.on('data', (chunk: Buffer) => (body += chunk.toString()));
      const [code] = (await once(curlRun, 'exit')) as [number];
      expect(code).toBe(0);
      expect(JSON.parse(body)).toEqual({ status: 'pending' });
    } finally {
      expect(await stop(started)).toBe(0);
    }
  });
});
