import { createClient } from 'redis';
import { freePort } from '../test/support/free-port';
import { TestRedis } from '../test/support/redis-server';
import { publicKeyPem, AUDIENCE, ISSUER } from '../test/support/test-keys';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { Child, LOAD_CORE, pin, SERVICE_CORE, startNode, waitUntilAnswering } from './processes';

export const CLIENT_ID = 'bench-client';
export const CLIENT_SECRET = 'bench-secret';
/** The user the baseline and the floor act for (they do not read JWTs). */
export const FIXED_USER_ID = '0b5a3c1e-8f2d-4c6b-9a7e-1d2f3a4b5c6d';

const DIST = `${__dirname}/../../apps`;
const GENEROUS_LIMIT = '100000000';

export interface Service {
  child: Child;
  url: string;
}

const redisClient = (url: string) => createClient({ url });

export async function startRedis(): Promise<{
  redis: TestRedis;
  client: ReturnType<typeof redisClient>;
}> {
  const redis = await TestRedis.start();
  pin(redis.pid, LOAD_CORE);
  const client = redisClient(redis.url);
  await client.connect();
  return { redis, client };
}

export async function startSimulator(latencyMs: number): Promise<Service> {
  const port = await freePort();
  const child = startNode('simulator', LOAD_CORE, [`${DIST}/uphold-sim/src/main.js`], {
    SIM_PORT: String(port),
    SIM_CLIENT_ID: CLIENT_ID,
    SIM_CLIENT_SECRET: CLIENT_SECRET,
    SIM_LATENCY_MS: String(latencyMs),
    SIM_RECORD_REQUESTS: 'false',
    // the load PATCHes the fixture's file ids: the simulator knows them as uploaded
    SIM_UPLOADED_FILE_IDS: validIdentityRequest()
      .media.map((item) => item.fileId)
      .join(','),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/__sim/stats`);
  return { child, url };
}

/** Token requests the simulator has answered so far. */
export async function tokenRequestsOf(simulator: Service): Promise<number> {
  const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as {
    tokenRequests: number;
  };
  return stats.tokenRequests;
}

/** A client-credentials token for the baseline and the floor (fetched once, as a bare proxy would hold it). */
export async function fetchAccessToken(simulator: Service): Promise<string> {
  const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
  const answer = await fetch(`${simulator.url}/core/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await answer.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`the simulator gave no token (${answer.status})`);
  return body.access_token;
}

/** The bare forwarder; without node flags unless given (`bench:floors` runs it with the BFF's). */
export async function startBaseline(
  simulator: Service,
  accessToken: string,
  nodeFlags: string[] = [],
): Promise<Service> {
  const port = await freePort();
  const forwarder = [...nodeFlags, `${__dirname}/baseline-forwarder.js`];
  const child = startNode('baseline', SERVICE_CORE, forwarder, {
    PORT: String(port),
    UPSTREAM_URL: simulator.url,
    UPSTREAM_TOKEN: accessToken,
    UPSTREAM_USER_ID: FIXED_USER_ID,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/`);
  return { child, url };
}

/** How one BFF under test is started: the build, node flags and environment it runs with. */
export interface BffOptions {
  name: string;
  logLevel: string;
  nodeFlags: string[];
  /** Another checkout's `dist` (an A/B candidate); this checkout's by default. */
  dist?: string;
  /** Overrides of the environment below (an A/B candidate's setting). */
  env?: NodeJS.ProcessEnv;
  cpuProfileDir?: string;
  /** Where the allocation probe answers (bench/allocation-probe.ts). */
  allocationFile: string;
  /** Where the probe writes a sampling allocation profile on exit, if anywhere. */
  allocationProfile?: string;
}

const ALLOCATION_PROBE = `${__dirname}/allocation-probe.js`;

/**
 * The built BFF in production mode. Rate limits are set far above the load (their counting still
 * runs), and `http://` upstreams are allowed explicitly (production refuses them otherwise).
 */
export async function startBff(
  simulator: Service,
  redisUrl: string,
  options: BffOptions,
): Promise<Service> {
  const port = await freePort();
  const { cpuProfileDir } = options;
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const flags = [...options.nodeFlags, ...profiling, '--require', ALLOCATION_PROBE];
  const main = `${options.dist ?? DIST}/identity-bff/src/main.js`;
  const child = startNode(options.name, SERVICE_CORE, [...flags, main], {
    NODE_ENV: 'production',
    PORT: String(port),
    LOG_LEVEL: options.logLevel,
    UPHOLD_BASE_URL: simulator.url,
    UPHOLD_CLIENT_ID: CLIENT_ID,
    UPHOLD_CLIENT_SECRET: CLIENT_SECRET,
    REDIS_URL: redisUrl,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_PUBLIC_KEY: publicKeyPem,
    AUTH_ALGORITHMS: 'RS256',
    ALLOW_INSECURE_LOCAL_RUN: 'true',
    RATE_LIMIT_READS_PER_MINUTE: GENEROUS_LIMIT,
    RATE_LIMIT_WRITES_PER_MINUTE: GENEROUS_LIMIT,
    BENCH_ALLOCATION_FILE: options.allocationFile,
    ...(options.allocationProfile && { BENCH_ALLOCATION_PROFILE: options.allocationProfile }),
    ...options.env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/health/live`);
  return { child, url };
}

/** Calls per Redis command so far (`INFO commandstats`), without the inspection's own INFO. */
export async function redisCommandCounts(
  client: ReturnType<typeof redisClient>,
): Promise<Map<string, number>> {
  const info = await client.info('commandstats');
  const counts = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') counts.set(match[1], Number(match[2]));
  }
  return counts;
}
