import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { createRedisClient, RedisDrivers } from './redis-client.factory';
import { RedisClient } from './redis-connection';
import { reconnectDelay } from './redis-node-options';
import { CLUSTER_SLOTS, RedisTopology } from './redis-topology';

/** What every node-redis object (client, cluster, sentinel) offers the connection. */
class FakeRedis extends EventEmitter {
  isReady = false;
  connectResult: Promise<unknown> = Promise.resolve();
  readonly connect = jest.fn(() => this.connectResult);
  readonly close = jest.fn(() => Promise.resolve());
  readonly destroy = jest.fn();
  readonly get = jest.fn((key: string) => Promise.resolve(`value of ${key}`));

  /** Changes readiness and announces it with `event`. */
  become(ready: boolean, event: string): void {
    this.isReady = ready;
    this.emit(event);
  }
}

/** A cluster master node: its connection (if any) answers CLUSTER INFO with `info`. */
class FakeMaster {
  info = 'cluster_state:ok\r\ncluster_slots_assigned:16384\r\n';
  hangs = false;
  readonly client? = {
    isReady: true,
    sendCommand: jest.fn((args: string[]) => {
      if (this.hangs) return new Promise<string>(() => undefined);
      const question = args.join(' ');
      return question === 'CLUSTER INFO'
        ? Promise.resolve(this.info)
        : Promise.reject(new Error(`unexpected ${question}`));
    }),
  };
  constructor(connected = true) {
    if (!connected) this.client = undefined;
  }
}

class FakeCluster extends FakeRedis {
  masters = [new FakeMaster(), new FakeMaster()];
  /** Each slot's shard, its master served by one of `masters` (or none while undiscovered). */
  slots: ({ master: FakeMaster } | undefined)[] = Array.from({ length: CLUSTER_SLOTS }, (_, i) => ({
    master: this.masters[i % 2],
  }));
}

class FakeSentinel extends FakeRedis {
  master?: { host: string; port: number } = { host: '10.0.0.1', port: 6379 };
  getMasterNode() {
    return this.master;
  }
}

/** The drivers with what each was asked to build, and what it built; the first `refusing` refuse to connect. */
function fakeDrivers(refusing = 0) {
  const built = {
    clients: [] as FakeRedis[],
    clusters: [] as FakeCluster[],
    sentinels: [] as FakeSentinel[],
  };
  const asked = { client: [] as unknown[], cluster: [] as unknown[], sentinel: [] as unknown[] };
  let made = 0;
  const make = <T extends FakeRedis>(redis: T, into: T[]): T => {
    if (made++ < refusing) redis.connectResult = Promise.reject(new Error('ECONNREFUSED'));
    into.push(redis);
    return redis;
  };
  const drivers = {
    createClient: (options: unknown) => {
      asked.client.push(options);
      return make(new FakeRedis(), built.clients);
    },
    createCluster: (options: unknown) => {
      asked.cluster.push(options);
      return make(new FakeCluster(), built.clusters);
    },
    createSentinel: (options: unknown) => {
      asked.sentinel.push(options);
      return make(new FakeSentinel(), built.sentinels);
    },
  } as unknown as RedisDrivers;
  return { drivers, built, asked };
}

/** Lets every promise callback queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createRedisClient', () => {
  const open: RedisClient[] = [];
  let logs: string[];

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    logs = [];
    for (const level of ['log', 'warn'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (
        this: Logger,
        message: unknown,
        ..._rest: unknown[]
      ) {
        const context = (this as unknown as { context: string }).context;
        logs.push(`${context}: ${String(message)}`);
      });
    }
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.destroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  function start(
    topology: RedisTopology,
    { name, refusing }: { name?: string; refusing?: number } = {},
  ) {
    const fake = fakeDrivers(refusing);
    const availability: boolean[] = [];
    const client = createRedisClient(
      topology,
      400,
      { name, onAvailability: (up) => availability.push(up) },
      fake.drivers,
    );
    open.push(client);
    return { client, availability, ...fake };
  }

  describe('on a standalone Redis', () => {
    const standalone: RedisTopology = {
      kind: 'standalone',
      url: 'rediss://bff:secret@redis.internal:6380',
      tls: { ca: 'PEM' },
    };

    it('builds one client for the URL with the shared options, and connects it', () => {
      const { asked, built } = start(standalone);
      expect(asked.client).toEqual([
        {
          url: standalone.url,
          username: 'bff',
          password: 'secret',
          disableOfflineQueue: true,
          commandOptions: { timeout: 0 },
          socket: { connectTimeout: 400, reconnectStrategy: reconnectDelay, tls: true, ca: 'PEM' },
        },
      ]);
      expect(built.clients[0].connect).toHaveBeenCalledTimes(1);
    });

    it('sends commands through that client', async () => {
      const { client } = start(standalone);
      await expect(client.get('k')).resolves.toBe('value of k');
    });

    it('follows the readiness the client announces', async () => {
      const { client, built, availability } = start(standalone);
      await settle();
      const redis = built.clients[0];
      redis.become(true, 'ready');
      expect(client.isReady).toBe(true);
      expect(client.state()).toEqual({ topology: 'standalone', ready: true });
      for (const event of ['error', 'reconnecting', 'end']) {
        redis.become(false, event);
        expect(client.isReady).toBe(false);
        redis.become(true, 'ready');
      }
      expect(availability).toEqual([true, false, true, false, true, false, true]);
    });

    it('keeps its client when the first connect fails: node-redis reconnects it', async () => {
      const { client, built } = start(standalone, { refusing: 1 });
      await settle();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(built.clients).toHaveLength(1);
      expect(built.clients[0].destroy).not.toHaveBeenCalled();
      built.clients[0].become(true, 'ready');
      expect(client.isReady).toBe(true);
    });

    it('closes and drops the client', async () => {
      const { client, built } = start(standalone);
      await client.close();
      expect(built.clients[0].close).toHaveBeenCalledTimes(1);
      const other = start(standalone);
      other.client.destroy();
      expect(other.built.clients[0].destroy).toHaveBeenCalledTimes(1);
    });

    it('logs as "Redis" unless named', () => {
      const named = start(standalone, { name: 'RateLimitRedis' });
      const unnamed = start(standalone);
      named.built.clients[0].become(true, 'ready');
      unnamed.built.clients[0].become(true, 'ready');
      expect(logs).toEqual([
        'RateLimitRedis: connected (standalone)',
        'Redis: connected (standalone)',
      ]);
    });
  });

  describe('on a Redis Cluster', () => {
    const cluster: RedisTopology = {
      kind: 'cluster',
      seeds: ['redis://bff:secret@10.0.0.1:7000', 'redis://10.0.0.2:7001'],
    };

    /** A cluster client that announced itself connected, with every slot served. */
    async function connectedCluster() {
      const harness = start(cluster);
      await settle();
      const redis = harness.built.clusters[0];
      redis.become(true, 'connect');
      await settle();
      return { ...harness, redis };
    }

    it('seeds a cluster client with every URL, and the first one’s credentials for every node', () => {
      const { asked } = start(cluster);
      expect(asked.cluster).toEqual([
        {
          rootNodes: [{ url: cluster.seeds[0] }, { url: cluster.seeds[1] }],
          defaults: {
            username: 'bff',
            password: 'secret',
            disableOfflineQueue: true,
            commandOptions: { timeout: 0 },
            socket: { connectTimeout: 400, reconnectStrategy: reconnectDelay },
          },
          commandOptions: { timeout: 0 },
        },
      ]);
    });

    it('is ready once every slot is served and every master reports cluster_state:ok', async () => {
      const { client, redis, availability } = await connectedCluster();
      expect(client.isReady).toBe(true);
      expect(availability).toEqual([true]);
      expect(client.state()).toEqual({ topology: 'cluster', ready: true, slotsServed: 16_384 });
      for (const master of redis.masters) {
        expect(master.client?.sendCommand).toHaveBeenCalledWith(['CLUSTER', 'INFO']);
      }
    });

    it('counts only the slots whose master is connected', async () => {
      const { client, redis } = await connectedCluster();
      redis.masters[1].client!.isReady = false; // the odd slots
      redis.slots[0] = undefined; // not discovered yet
      redis.slots[2] = { master: new FakeMaster(false) }; // a master not connected yet
      redis.emit('node-disconnect');
      expect(client.isReady).toBe(false);
      expect(client.state()).toEqual({ topology: 'cluster', ready: false, slotsServed: 8_190 });
    });

    it('serves no slot while the cluster client itself is not ready', async () => {
      const { client, redis } = await connectedCluster();
      redis.become(false, 'disconnect');
      expect(client.state()).toEqual({ topology: 'cluster', ready: false, slotsServed: 0 });
      expect(client.isReady).toBe(false);
    });

    it('is not ready while a master says the cluster is not ok, nor while a master has no connection', async () => {
      const { client, built } = start(cluster);
      await settle();
      const redis = built.clusters[0];
      redis.masters[0].info = 'cluster_state:fail\r\n';
      redis.become(true, 'connect');
      await settle();
      expect(client.isReady).toBe(false);
      redis.masters = [redis.masters[1], new FakeMaster(false)];
      redis.emit('node-ready');
      await settle();
      expect(client.isReady).toBe(false);
      redis.masters = [redis.masters[0]];
      redis.emit('node-ready');
      await settle();
      expect(client.isReady).toBe(true);
    });

    it('takes no answer but text for agreement', async () => {
      const { client, built } = start(cluster);
      await settle();
      const redis = built.clusters[0];
      redis.masters[0].client!.sendCommand.mockResolvedValue(
        Buffer.from('cluster_state:ok') as unknown as string,
      );
      redis.become(true, 'connect');
      await settle();
      expect(client.isReady).toBe(false);
    });

    it('gives up on a master that does not answer CLUSTER INFO within the connect timeout', async () => {
      const { client, built } = start(cluster);
      await settle();
      const redis = built.clusters[0];
      redis.masters[0].hangs = true;
      redis.become(true, 'connect');
      await settle();
      redis.masters[0].hangs = false;
      await jest.advanceTimersByTimeAsync(400); // the question times out: the next check asks again
      await jest.advanceTimersByTimeAsync(1_000);
      await settle();
      expect(client.isReady).toBe(true);
    });

    it('follows every node event that may change the slots served', async () => {
      const events = ['node-ready', 'node-error', 'node-reconnecting', 'node-disconnect'];
      const { client, redis } = await connectedCluster();
      for (const event of ['disconnect', ...events]) {
        redis.masters[0].client!.isReady = false;
        redis.emit(event);
        expect(client.isReady).toBe(false);
        redis.masters[0].client!.isReady = true;
        redis.emit('connect');
        await settle();
        expect(client.isReady).toBe(true);
      }
    });

    it('builds a new cluster client when the first one cannot reach any seed', async () => {
      const { built } = start(cluster, { refusing: 1 });
      await settle();
      expect(built.clusters[0].destroy).toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(2_200); // the longest backoff
      expect(built.clusters).toHaveLength(2);
      expect(built.clusters[1].connect).toHaveBeenCalled();
    });

    it('closes and drops the cluster client', async () => {
      const { client, built } = start(cluster);
      await client.close();
      expect(built.clusters[0].close).toHaveBeenCalledTimes(1);
      const other = start(cluster);
      other.client.destroy();
      expect(other.built.clusters[0].destroy).toHaveBeenCalledTimes(1);
    });
  });

  describe('behind Sentinel', () => {
    const sentinel: RedisTopology = {
      kind: 'sentinel',
      sentinels: ['rediss://bff:secret@10.0.0.5:26379', 'rediss://10.0.0.6:26380'],
      masterName: 'identity',
      tls: { ca: 'PEM' },
    };

    it('asks the sentinels for the named master, reaching every node with the first URL’s access', () => {
      const { asked } = start(sentinel);
      const access = {
        username: 'bff',
        password: 'secret',
        disableOfflineQueue: true,
        commandOptions: { timeout: 0 },
        socket: { connectTimeout: 400, reconnectStrategy: reconnectDelay, tls: true, ca: 'PEM' },
      };
      expect(asked.sentinel).toEqual([
        {
          name: 'identity',
          sentinelRootNodes: [
            { host: '10.0.0.5', port: 26379 },
            { host: '10.0.0.6', port: 26380 },
          ],
          nodeClientOptions: access,
          sentinelClientOptions: access,
          commandOptions: { timeout: 0 },
        },
      ]);
    });

    it('is ready when connected with a master known', async () => {
      const { client, built } = start(sentinel);
      await settle();
      const redis = built.sentinels[0];
      redis.master = undefined;
      redis.become(true, 'ready');
      expect(client.isReady).toBe(false);
      expect(client.state()).toEqual({ topology: 'sentinel', ready: false, masterKnown: false });
      redis.master = { host: '10.0.0.7', port: 6379 };
      redis.emit('topology-change');
      expect(client.isReady).toBe(true);
      expect(client.state()).toEqual({ topology: 'sentinel', ready: true, masterKnown: true });
    });

    it('is not ready while disconnected, master known or not', async () => {
      const { client, built } = start(sentinel);
      await settle();
      built.sentinels[0].become(false, 'ready');
      expect(client.state()).toEqual({ topology: 'sentinel', ready: false, masterKnown: true });
    });

    it('follows every sentinel event that may change the master or the connection', async () => {
      const { client, built } = start(sentinel);
      await settle();
      const redis = built.sentinels[0];
      redis.become(true, 'ready');
      for (const event of ['reconnecting', 'end', 'client-error']) {
        redis.become(false, event);
        expect(client.isReady).toBe(false);
        redis.become(true, 'ready');
        expect(client.isReady).toBe(true);
      }
      redis.master = undefined;
      redis.emit('topology-change');
      expect(client.isReady).toBe(false);
    });

    it('closes and drops the sentinel client', async () => {
      const { client, built } = start(sentinel);
      await client.close();
      expect(built.sentinels[0].close).toHaveBeenCalledTimes(1);
      const other = start(sentinel);
      other.client.destroy();
      expect(other.built.sentinels[0].destroy).toHaveBeenCalledTimes(1);
    });
  });
});
