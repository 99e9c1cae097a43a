import { RedisTopology } from '@app/uphold';
import { readFileSync } from 'node:fs';
import { Environment } from './environment';

const TOPOLOGY_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

/** What makes the Redis settings unusable together, one line per problem naming the variables. */
export function redisProblems(env: Environment): string[] {
  const problems: string[] = [];
  const set = TOPOLOGY_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length > 1) {
    problems.push(
      `${set.join(', ')}: set at most one of ${TOPOLOGY_VARIABLES.join(', ')} (conflicting Redis settings)`,
    );
  }
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_MASTER) {
    problems.push("REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS (the master's name)");
  }
  if (env.REDIS_SENTINEL_MASTER && !env.REDIS_SENTINELS) {
    problems.push('REDIS_SENTINELS: is required with REDIS_SENTINEL_MASTER');
  }
  for (const name of ['REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const) {
    const schemes = new Set(env[name]?.map((url) => url.split(':')[0].toLowerCase()));
    if (schemes.size > 1) {
      problems.push(`${name}: every URL must use the same scheme, redis:// or rediss://`);
    }
  }
  if (env.REDIS_TLS_CA_FILE !== undefined && readCa(env.REDIS_TLS_CA_FILE) === undefined) {
    problems.push('REDIS_TLS_CA_FILE: cannot be read as a PEM certificate file');
  }
  return problems;
}

/** The Redis to use, from a validated environment without redisProblems; none = in-process store. */
export function redisTopology(env: Environment): RedisTopology | undefined {
  const tls = env.REDIS_TLS_CA_FILE ? { ca: readCa(env.REDIS_TLS_CA_FILE) } : undefined;
  if (env.REDIS_URL) return { kind: 'standalone', url: env.REDIS_URL, tls };
  if (env.REDIS_CLUSTER_NODES?.length) {
    return { kind: 'cluster', seeds: env.REDIS_CLUSTER_NODES, tls };
  }
  if (env.REDIS_SENTINELS?.length && env.REDIS_SENTINEL_MASTER) {
    return {
      kind: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      masterName: env.REDIS_SENTINEL_MASTER,
      tls,
    };
  }
  return undefined;
}

function readCa(path: string): string | undefined {
  try {
    const pem = readFileSync(path, 'utf8');
    return pem.includes('-----BEGIN CERTIFICATE-----') ? pem : undefined;
  } catch {
    return undefined;
  }
}
