import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../apps/identity-bff/src/config/app-config';
import {
  DEPLOYMENT_VARIABLES,
  ENVIRONMENT_VARIABLES,
  TUNING_VARIABLES,
} from '../apps/identity-bff/src/config/environment';
import { useSimulatorAndBff } from './support/bff';

const ROOT = join(__dirname, '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// compose files use YAML merge keys (`<<: *identity-bff`), which js-yaml reads only when asked
const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
  schema: CORE_SCHEMA.withTags(mergeTag),
}) as {
  services: Record<string, Service>;
};
const bffServices = Object.entries(compose.services).filter(
  ([, service]) => service.command === undefined && service.image === 'identity-bff:local',
);

/** `${NAME:-default}` as compose reads it with NAME unset: the file's own defaults, not this shell's. */
function withComposeDefaults(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('runs two BFF replicas beside Redis and the simulator', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['identity-bff-1', 'identity-bff-2', 'redis', 'uphold-sim']),
    );
    expect(bffServices.map(([name]) => name).sort()).toEqual(['identity-bff-1', 'identity-bff-2']);
  });

  it('gives every service a health check, and starts the BFF only once its dependencies are healthy', () => {
    for (const service of Object.values(compose.services)) {
      expect(service.healthcheck?.test[0]).toBe('CMD');
    }
    for (const [, bff] of bffServices) {
      expect(bff.depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        'uphold-sim': { condition: 'service_healthy' },
      });
    }
  });

  it("sets only variables the BFF reads, and all of contract §5's but the alternatives (PEM key, Redis topologies)", () => {
    const known: readonly string[] = [
      ...ENVIRONMENT_VARIABLES,
      ...DEPLOYMENT_VARIABLES,
      ...TUNING_VARIABLES,
    ];
    for (const [, bff] of bffServices) {
      const names = Object.keys(bff.environment ?? {});
      expect(names.filter((name) => !known.includes(name))).toEqual([]);
      expect(ENVIRONMENT_VARIABLES.filter((name) => !names.includes(name))).toEqual([
        'REDIS_CLUSTER_NODES',
        'REDIS_SENTINELS',
        'REDIS_SENTINEL_MASTER',
        'AUTH_PUBLIC_KEY',
      ]);
    }
  });

  it('gives the BFF a configuration it accepts under the image NODE_ENV, pointed at the compose Redis and simulator', () => {
    const nodeEnv = /^ENV NODE_ENV=(\S+)$/m.exec(dockerfile)?.[1];
    const sim = compose.services['uphold-sim'].environment ?? {};
    for (const [, bff] of bffServices) {
      const config = loadConfig({
        ...withComposeDefaults(bff.environment ?? {}),
        NODE_ENV: nodeEnv,
      });
      expect(config.uphold.redis).toEqual({ kind: 'standalone', url: 'redis://redis:6379' });
      expect(config.uphold.baseUrl).toBe(`http://uphold-sim:${sim.SIM_PORT}`);
      expect(config.uphold.clientId).toBe(sim.SIM_CLIENT_ID);
      expect(config.uphold.clientSecret).toBe(sim.SIM_CLIENT_SECRET);
    }
    expect(nodeEnv).toBe('production');
  });

  it("verifies tokens against the simulator's development identity provider, which mints with the same issuer and audience", () => {
    const sim = compose.services['uphold-sim'].environment ?? {};
    const simOrigin = `http://uphold-sim:${sim.SIM_PORT}`;
    expect(sim.SIM_ALLOW_DEV_TOKENS).toBe('true');
    for (const [, bff] of bffServices) {
      const env = withComposeDefaults(bff.environment ?? {});
      expect(env.AUTH_JWKS_URI).toBe(`${simOrigin}/.well-known/jwks.json`);
      expect(env.AUTH_ISSUER).toBe(sim.SIM_DEV_ISSUER);
      expect(env.AUTH_AUDIENCE).toBe(sim.SIM_DEV_AUDIENCE);
      expect(env.AUTH_ALGORITHMS.split(',')).toContain('ES256');
    }
  });

  it('hands out upload URLs on the port the simulator publishes to the laptop', () => {
    const sim = compose.services['uphold-sim'];
    const published = (sim.ports ?? []).map((mapping) => mapping.split(':'));
    const [host, port] =
      published.find(([, , inside]) => inside === sim.environment?.SIM_PORT) ?? [];
    expect(sim.environment?.SIM_PUBLIC_URL).toBe(`http://${host}:${port}`);
  });

  it('is accepted under NODE_ENV=production only because ALLOW_INSECURE_LOCAL_RUN=true (plain-http JWKS and upstream)', () => {
    for (const [, bff] of bffServices) {
      const { ALLOW_INSECURE_LOCAL_RUN: allowed, ...env } = withComposeDefaults(
        bff.environment ?? {},
      );
      expect(allowed).toBe('true');
      expect(() => loadConfig({ ...env, NODE_ENV: 'production' })).toThrow(
        expect.objectContaining({
          problems: expect.arrayContaining([
            expect.stringMatching(/^AUTH_JWKS_URI: must be an https URL/),
          ]),
        }),
      );
    }
  });
});

describe('Dockerfile', () => {
  it('builds and runs on Node 24 (contract §6), with a HEALTHCHECK in the image it runs', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.map((stage) => /^(\S+) AS (\S+)$/m.exec(stage)?.slice(1))).toEqual([
      [expect.stringMatching(/^node:24-/), 'build'],
      [expect.stringMatching(/^node:24-/), 'runtime'],
    ]);
    expect(stages[1]).toMatch(/^HEALTHCHECK /m);
  });

  it('builds in one stage and runs production dependencies only, as a non-root user, in another', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^RUN npm run build$/m);
    expect(stages[1]).toMatch(/^RUN npm ci --omit=dev/m);
    expect(stages[1]).toMatch(/^COPY --from=build \/app\/dist/m);
    expect(stages[1]).toMatch(/^USER node$/m);
  });

  it('starts node directly (npm would not pass SIGTERM on) and health-checks with node', () => {
    expect(dockerfile).toMatch(
      /^CMD \["node", ("--[a-z-]+(=\d+)?", )*"dist\/apps\/identity-bff\/src\/main\.js"\]$/m,
    );
    expect(dockerfile).toMatch(
      /^\s+CMD \["node", "dist\/apps\/identity-bff\/src\/health\/http-probe\.js"\]$/m,
    );
  });
});

describe('the health probe of the image (built dist, as the container runs it)', () => {
  const suite = useSimulatorAndBff();
  const probe = async (url: string): Promise<number | null> => {
    const child = spawn(process.execPath, [
      join(ROOT, 'dist/apps/identity-bff/src/health/http-probe.js'),
      url,
    ]);
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  };

  it('exits 0 when readiness answers 200', async () => {
    expect(await probe(`${suite.bff.url}/health/ready`)).toBe(0);
  });

  it('exits 1 when nothing answers, or the answer is not 2xx', async () => {
    expect(await probe('http://127.0.0.1:9/health/ready')).toBe(1);
    expect(await probe(`${suite.bff.url}/health/nope`)).toBe(1);
  });
});

describe("the image's node flags", () => {
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  const flags = cmd.filter((arg) => arg.startsWith('--'));

  it('are flags this Node accepts', () => {
    const check = spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('are the ones `npm run start:prod` runs the service with', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['start:prod']).toBe(cmd.join(' '));
  });
});
