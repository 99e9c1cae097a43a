import { createClient, createCluster, createSentinel } from 'redis';
import { RedisClient, RedisCommands, RedisConnection, RedisTarget } from './redis-connection';
import {
  COMMAND_OPTIONS,
  parseRedisUrl,
  reconnectDelay,
  sharedClientOptions,
} from './redis-node-options';
import { withTimeout } from './redis-timeouts';
import { CLUSTER_SLOTS, RedisTopology } from './redis-topology';

export interface RedisClientEvents {
  /** Names the client in its log lines (default `Redis`). */
  name?: string;
  /** Told true when the client is ready, false when it stops being ready. */
  onAvailability?: (up: boolean) => void;
}

/** The node-redis constructors a connection is built with (unit tests pass stand-ins). */
export interface RedisDrivers {
  createClient: typeof createClient;
  createCluster: typeof createCluster;
  createSentinel: typeof createSentinel;
}

const NODE_REDIS: RedisDrivers = { createClient, createCluster, createSentinel };

/**
 * The process's one Redis connection, for any topology: commands fail at once while offline (no
 * queue), and it connects and reconnects in the background with capped backoff, so the service
 * starts and serves without Redis. Slot moves (MOVED/ASK) and failovers are followed by node-redis.
 */
export function createRedisClient(
  topology: RedisTopology,
  connectTimeoutMs: number,
  { name = 'Redis', onAvailability = () => undefined }: RedisClientEvents = {},
  drivers: RedisDrivers = NODE_REDIS,
): RedisClient {
  const build = () => buildTarget(drivers, topology, connectTimeoutMs);
  return new RedisConnection(build, { name, onAvailability, retryDelay: reconnectDelay });
}

function buildTarget(
  drivers: RedisDrivers,
  topology: RedisTopology,
  connectTimeoutMs: number,
): RedisTarget {
  switch (topology.kind) {
    case 'standalone':
      return standalone(drivers, topology.url, connectTimeoutMs, topology.tls);
    case 'cluster':
      return cluster(drivers, topology.seeds, connectTimeoutMs, topology.tls);
    case 'sentinel':
      return sentinel(
        drivers,
        topology.sentinels,
        topology.masterName,
        connectTimeoutMs,
        topology.tls,
      );
  }
}

type Topology<K extends RedisTopology['kind']> = Extract<RedisTopology, { kind: K }>;

function standalone(
  { createClient }: RedisDrivers,
  url: string,
  connectTimeoutMs: number,
  tls: Topology<'standalone'>['tls'],
) {
  const client = createClient({
    url,
    ...sharedClientOptions(parseRedisUrl(url), connectTimeoutMs, tls),
  });
  return {
    commands: client as unknown as RedisCommands,
    events: client,
    // a standalone client keeps reconnecting on its own: its first connect never needs a rebuild
    connect: () => client.connect().catch(() => undefined),
    state: () => ({ topology: 'standalone' as const, ready: client.isReady }),
    stateEvents: ['ready', 'reconnecting', 'end'], // and 'error', which the connection follows itself
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}

function cluster(
  { createCluster }: RedisDrivers,
  seeds: string[],
  connectTimeoutMs: number,
  tls: Topology<'cluster'>['tls'],
) {
  const defaults = sharedClientOptions(parseRedisUrl(seeds[0]), connectTimeoutMs, tls);
  const client = createCluster({
    rootNodes: seeds.map((url) => ({ url })),
    defaults,
    commandOptions: COMMAND_OPTIONS,
  });
  const slotsServed = (): number => {
    let served = 0;
    for (const shard of client.slots) if (shard?.master.client?.isReady) served++;
    return served;
  };
  return {
    commands: client as unknown as RedisCommands,
    events: client,
    connect: () => client.connect(),
    // a restarted master serves its slots a moment before the cluster agrees (CLUSTERDOWN meanwhile)
    confirmReady: async () => {
      const agreeing = await Promise.all(
        client.masters.map(async (master) => {
          // Stryker disable next-line ConditionalExpression: without it, the throw confirms nothing either
          if (!master.client) return false;
          const question = master.client.sendCommand<string>(['CLUSTER', 'INFO']);
          const info = await withTimeout(question, connectTimeoutMs);
          return typeof info === 'string' && info.includes('cluster_state:ok');
        }),
      );
      return agreeing.every(Boolean);
    },
    state: () => {
      const served = client.isReady ? slotsServed() : 0;
      return { topology: 'cluster' as const, ready: served === CLUSTER_SLOTS, slotsServed: served };
    },
    stateEvents: [
      'connect',
      'disconnect',
      'node-ready',
      'node-error',
      'node-reconnecting',
      'node-disconnect',
    ],
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}

function sentinel(
  { createSentinel }: RedisDrivers,
  sentinels: string[],
  masterName: string,
  connectTimeoutMs: number,
  tls: Topology<'sentinel'>['tls'],
) {
  const nodes = sentinels.map(parseRedisUrl);
  const options = sharedClientOptions(nodes[0], connectTimeoutMs, tls);
  const client = createSentinel({
    name: masterName,
    sentinelRootNodes: nodes.map(({ host, port }) => ({ host, port })),
    nodeClientOptions: options,
    sentinelClientOptions: options,
    commandOptions: COMMAND_OPTIONS,
  });
  const masterKnown = () => client.getMasterNode() !== undefined;
  return {
    commands: client as unknown as RedisCommands,
    events: client,
    connect: () => client.connect(),
    state: () => ({
      topology: 'sentinel' as const,
      ready: client.isReady && masterKnown(),
      masterKnown: masterKnown(),
    }),
    stateEvents: ['ready', 'reconnecting', 'end', 'topology-change', 'client-error'],
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}
