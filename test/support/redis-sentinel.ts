import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from './eventually';
import { freePort } from './free-port';
import { RedisEntry } from './redis-cluster';
import { makeTempDir, RedisProcess, removeTempDir } from './redis-process';
import { inspectorFor, RedisInspector } from './redis-server';

export const SENTINEL_MASTER = 'bff-master';

/**
 * A master, a replica and one sentinel (quorum 1) of the test's own, on free ports and in a temp
 * dir, with short failure detection so a failover takes a few seconds.
 */
export class TestRedisSentinel {
  private constructor(
    private readonly dir: string,
    readonly dataPorts: number[],
    readonly sentinelPort: number,
    private readonly data: RedisProcess[],
    private readonly sentinel: RedisProcess,
  ) {}

  static async start(): Promise<TestRedisSentinel> {
    const dir = makeTempDir('sentinel');
    const [masterPort, replicaPort, sentinelPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    const dataNode = (port: number, ...extra: string[]) =>
      new RedisProcess([
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
        ...['--save', '', '--appendonly', 'no'],
        ...extra,
      ]);
    const master = dataNode(masterPort);
    const replica = dataNode(replicaPort, '--replicaof', '127.0.0.1', String(masterPort));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
        `sentinel failover-timeout ${SENTINEL_MASTER} 3000`,
        `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
        '',
      ].join('\n'),
    );
    const sentinel = new RedisProcess([conf, '--sentinel'], /\+monitor master/);
    const set = new TestRedisSentinel(
      dir,
      [masterPort, replicaPort],
      sentinelPort,
      [master, replica],
      sentinel,
    );
    try {
      await master.start();
      await replica.start();
      await sentinel.start();
      await set.waitUntilReplicated();
    } catch (error) {
      await set.stop();
      throw error;
    }
    return set;
  }

  /** The value of REDIS_SENTINELS. */
  get sentinelUrl(): string {
    return `redis://127.0.0.1:${this.sentinelPort}`;
  }

  /** The BFF's variables for this set. */
  env(): Record<string, string> {
    return { REDIS_SENTINELS: this.sentinelUrl, REDIS_SENTINEL_MASTER: SENTINEL_MASTER };
  }

  /** The data port the sentinel names as master. */
  async masterPort(): Promise<number> {
    const reply = await this.onSentinel((client) =>
      client.sendCommand<string[]>(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER]),
    );
    return Number(reply[1]);
  }

  /** The replica's link to the master is up and the sentinel knows the replica. */
  async waitUntilReplicated(timeoutMs = 20_000): Promise<void> {
    const master = await this.masterPort();
    const replica = this.dataPorts.find((port) => port !== master) as number;
    await until(async () => {
      const info = await this.on(replica, (c) => c.info('replication')).catch(() => '');
      const known = await this.onSentinel((c) =>
        c.sendCommand<unknown[]>(['SENTINEL', 'REPLICAS', SENTINEL_MASTER]),
      );
      return /master_link_status:up/.test(info) && known.length === 1;
    }, timeoutMs);
  }

  /** Waits until `key` is on the replica too (a write the failover must not lose). */
  async waitUntilOnReplica(key: string): Promise<void> {
    const master = await this.masterPort();
    const replica = this.dataPorts.find((port) => port !== master) as number;
    await until(async () => (await this.on(replica, (c) => c.exists(key))) === 1, 10_000);
  }

  /** Kills the master and waits until the sentinel has promoted the replica. */
  async failover(timeoutMs = 30_000): Promise<{ from: number; to: number }> {
    const from = await this.masterPort();
    await this.data[this.dataPorts.indexOf(from)].stop();
    await until(async () => (await this.masterPort()) !== from, timeoutMs);
    const to = await this.masterPort();
    await until(async () => {
      const role = await this.on(to, (c) => c.info('replication')).catch(() => '');
      return /role:master/.test(role);
    }, timeoutMs);
    return { from, to };
  }

  /** Starts a killed data node again: the sentinel turns it into a replica of the current master. */
  async restartStopped(): Promise<void> {
    await Promise.all(this.data.map((node) => node.start()));
    await this.waitUntilReplicated();
  }

  /** Every key on the current master, with its value and remaining TTL. */
  async entries(): Promise<RedisEntry[]> {
    return this.on(await this.masterPort(), async (client) => {
      const keys = await client.keys('*');
      return Promise.all(
        keys.map(async (key) => ({
          key,
          value: await client.get(key),
          ttlMs: await client.pTTL(key),
        })),
      );
    });
  }

  async flush(): Promise<void> {
    await this.on(await this.masterPort(), (client) => client.flushAll());
  }

  async on<T>(port: number, fn: (client: RedisInspector) => Promise<T>): Promise<T> {
    const client = inspectorFor(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      client.destroy();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.data, this.sentinel].map((node) => node.stop()));
    removeTempDir(this.dir);
  }

  private onSentinel<T>(fn: (client: RedisInspector) => Promise<T>): Promise<T> {
    return this.on(this.sentinelPort, fn);
  }
}
