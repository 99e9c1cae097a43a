import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Run, run, stop, waitFor } from '../support/built-service';
import { until } from '../support/eventually';
import { freePort } from '../support/free-port';
import { TestRedis } from '../support/redis-server';

const ROOT = join(__dirname, '..', '..');
// built-service runs scripts of the BFF's dist; the simulator's is beside it
const SIMULATOR = join('..', '..', 'uphold-sim', 'src', 'main.js');
const USER = '0b5a8c8e-9f1d-4c43-9a3e-5f7e2d1c6b4a';

type Environment = Record<string, string>;
const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
  schema: CORE_SCHEMA.withTags(mergeTag),
}) as { services: Record<string, { environment: Environment; ports?: string[] }> };
const nodeEnv = /^ENV NODE_ENV=(\S+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
const docs = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');

/**
 * The compose file's environment as a container sees it (`${NAME:-default}` with NAME unset, the
 * image's NODE_ENV), with the compose hostnames replaced by where this test runs the services.
 */
function asRunHere(environment: Environment, hosts: Record<string, string>): Environment {
  const env: Environment = { NODE_ENV: nodeEnv ?? '' };
  for (const [name, value] of Object.entries(environment)) {
    let resolved = String(value).replace(/\$\{\w+:-([^}]*)\}/g, '$1');
    for (const [from, to] of Object.entries(hosts)) resolved = resolved.split(from).join(to);
    env[name] = resolved;
  }
  return env;
}

/** The built simulator (`npm run sim`), as the compose service runs it. */
async function startSimulator(env: Environment): Promise<{ process: Run; url: string }> {
  const process = run(SIMULATOR, env);
  const [, url] = await waitFor(process, /listening on (http:\S+)/, 90_000);
  return { process, url };
}

describe('docker-compose.yml end to end: the built simulator and BFF with the compose environment', () => {
  let redis: TestRedis;
  let sim: { process: Run; url: string };
  let bff: Run;
  let bffUrl: string;
  let simPort: number;

  beforeAll(async () => {
    redis = await TestRedis.start();
    simPort = await freePort();
    const bffPort = await freePort();
    expect(nodeEnv).toBe('production');
    const hosts = {
      'uphold-sim:8080': `127.0.0.1:${simPort}`,
      'redis:6379': `127.0.0.1:${redis.port}`,
    };
    sim = await startSimulator({
      ...asRunHere(compose.services['uphold-sim'].environment, hosts),
      SIM_HOST: '127.0.0.1',
      SIM_PORT: String(simPort),
    });
    bff = run('main.js', {
      ...asRunHere(compose.services['identity-bff-1'].environment, hosts),
      PORT: String(bffPort),
    });
    bffUrl = `http://127.0.0.1:${bffPort}`;
    // a slow start fails here with the BFF's own output
    await waitFor(bff, /Nest application successfully started/, 90_000);
    // then Redis: the token store connects in the background
    await until(async () => (await request(bffUrl).get('/health/ready')).status === 200, 30_000);
  }, 120_000);
  afterAll(async () => {
    if (bff) await stop(bff);
    if (sim) await stop(sim.process);
    await redis?.stop();
  });

  it('mints a token at the simulator that the BFF accepts: GET /me/identity is 200', async () => {
    const minted = await request(sim.url).post('/__dev/tokens').send({ sub: USER }).expect(200);
    expect(minted.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const identity = await request(bffUrl)
      .get('/me/identity')
      .set('Authorization', `Bearer ${minted.body.access_token}`)
      .expect(200);
    expect(identity.body).toMatchObject({ status: expect.any(String) });
    await request(bffUrl).get('/me/identity').expect(401);
  });

  it("the docs' curl line makes the authenticated call through the BFF", async () => {
    const line = docs.split('\n').find((l) => l.startsWith('TOKEN=$(curl'));
    expect(line).toContain('http://127.0.0.1:8080/__dev/tokens');
    expect(line).toContain('http://127.0.0.1:3001/me/identity');
    expect(compose.services['uphold-sim'].ports).toEqual(['127.0.0.1:8080:8080']);
    expect(compose.services['identity-bff-1'].ports).toEqual(['3001:3000']);
    const command = (line ?? '')
      .split('127.0.0.1:8080')
      .join(`127.0.0.1:${simPort}`)
      .split('127.0.0.1:3001')
      .join(bffUrl.slice('http://'.length));
    const { stdout } = await promisify(execFile)('bash', ['-c', command]);
    expect(JSON.parse(stdout)).toMatchObject({ status: expect.any(String) });
  });

  it('a simulator under NODE_ENV=production without SIM_ALLOW_DEV_TOKENS refuses to mint (403)', async () => {
    const env = asRunHere(compose.services['uphold-sim'].environment, {});
    delete env.SIM_ALLOW_DEV_TOKENS;
    const locked = await startSimulator({ ...env, SIM_HOST: '127.0.0.1', SIM_PORT: '0' });
    try {
      const refused = await request(locked.url).post('/__dev/tokens').send({ sub: USER });
      expect([refused.status, refused.body.code]).toEqual([403, 'dev_tokens_disabled']);
      await request(locked.url).get('/.well-known/jwks.json').expect(200);
    } finally {
      await stop(locked.process);
    }
  }, 120_000);
});
