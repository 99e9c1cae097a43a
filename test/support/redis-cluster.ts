import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { until } from './eventually';
import { freePort } from './free-port';
import { makeTempDir, RedisProcess, removeTempDir } from './redis-process';
import { inspectorFor, RedisInspector } from './redis-server';

const run = promisify(execFile);

export interface RedisEntry {
  key: string;
  value: string | null;
  ttlMs: number;
}

/** A 3-master Redis Cluster of the test's own, on free ports and in a temp dir. */
export class TestRedisCluster {
  private constructor(
    private readonly dir: string,
    readonly ports: number[],
    private readonly nodes: RedisProcess[],
  ) {}

  static async start(masters = 3): Promise<TestRedisCluster> {
    const dir = makeTempDir('cluster');
    const ports = await Promise.all(Array.from({ length: masters }, () => freePort()));
    const nodes = ports.map(
      (port) =>
        new RedisProcess([
          ...['--port', String(port), '--bind', '127.0.0.1'],
          ...['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'],
          ...['--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir],
          ...['--save', '', '--appendonly', 'no'],
        ]),
    );
    const cluster = new TestRedisCluster(dir, ports, nodes);
    try {
      await Promise.all(nodes.map((node) => node.start()));
      const addresses = ports.map((port) => `127.0.0.1:${port}`);
      await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes']);
      await cluster.waitUntilHealthy();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The value of REDIS_CLUSTER_NODES: one seed is enough, the rest is discovered. */
  get seed(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  /** The BFF's variables for this cluster. */
  env(): Record<string, string> {
    return { REDIS_CLUSTER_NODES: this.seed };
  }

  /** Every node answers `cluster_state:ok` and agrees that every slot is assigned. */
  async waitUntilHealthy(timeoutMs = 20_000): Promise<void> {
    await until(async () => {
      const states = await Promise.all(
        this.ports.map((port) =>
          this.on(port, (client) => client.sendCommand<string>(['CLUSTER', 'INFO'])).catch(
            () => '',
          ),
        ),
      );
      return states.every(
        (info) =>
          /cluster_state:ok/.test(String(info)) && /cluster_slots_ok:16384/.test(String(info)),
      );
    }, timeoutMs);
  }

  /** Kills one node (SIGKILL); its slots go unserved until `restartNode`. */
  stopNode(index: number): Promise<void> {
    return this.nodes[index].stop();
  }

  /** Starts the node again on its port with its nodes.conf: it takes its slots back, empty. */
  async restartNode(index: number): Promise<void> {
    await this.nodes[index].start();
    await this.waitUntilHealthy();
  }

  /** Runs fn with a short-lived client on one node (inspection, never the app's client). */
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

  /** Every key of every master, with its value and remaining TTL. */
  async entries(): Promise<RedisEntry[]> {
    const perNode = await Promise.all(
      this.ports.map((port) =>
        this.on(port, async (client) => {
          const keys = await client.keys('*');
          return Promise.all(
            keys.map(async (key) => ({
              key,
              value: await client.get(key),
              ttlMs: await client.pTTL(key),
            })),
          );
        }),
      ),
    );
    return perNode.flat();
  }

  async flush(): Promise<void> {
    await Promise.all(this.ports.map((port) => this.on(port, (client) => client.flushAll())));
  }

  /** The port of the master serving `key`'s slot, and the slot. */
  async owner(key: string): Promise<{ port: number; slot: number }> {
    const slot = Number(
      await this.on(this.ports[0], (client) => client.sendCommand(['CLUSTER', 'KEYSLOT', key])),
    );
    const nodes = await this.on(this.ports[0], (client) =>
      client.sendCommand<string>(['CLUSTER', 'NODES']),
    );
    for (const line of nodes.trim().split('\n')) {
      const port = Number(/:(\d+)@/.exec(line.split(' ')[1])?.[1]);
      if (ownsSlot(line, slot)) return { port, slot };
    }
    throw new Error(`no master serves slot ${slot}`);
  }

  /**
   * Starts moving `slot` from `from` to `to` (MIGRATING/IMPORTING): keys that are not on `from`
   * are answered with ASK. `finishSlotMove` moves the keys and hands the slot over (then MOVED).
   */
  async beginSlotMove(slot: number, from: number, to: number): Promise<void> {
    const [fromId, toId] = await Promise.all([this.id(from), this.id(to)]);
    await this.on(to, (c) =>
      c.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', fromId]),
    );
    await this.on(from, (c) =>
      c.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', toId]),
    );
  }

  async finishSlotMove(slot: number, from: number, to: number): Promise<void> {
    const toId = await this.id(to);
    await this.on(from, async (client) => {
      const keys = await client.sendCommand<string[]>([
        'CLUSTER',
        'GETKEYSINSLOT',
        String(slot),
        '1000',
      ]);
      if (keys.length > 0) {
        await client.sendCommand([
          'MIGRATE',
          '127.0.0.1',
          String(to),
          '',
          '0',
          '5000',
          'KEYS',
          ...keys,
        ]);
      }
    });
    for (const port of [to, from, ...this.ports.filter((p) => p !== to && p !== from)]) {
      await this.on(port, (c) => c.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'NODE', toId]));
    }
    await this.waitUntilHealthy();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    removeTempDir(this.dir);
  }

  private async id(port: number): Promise<string> {
    return this.on(port, (client) => client.sendCommand<string>(['CLUSTER', 'MYID']));
  }
}

/** Whether a `CLUSTER NODES` line lists `slot` among its ranges. */
function ownsSlot(line: string, slot: number): boolean {
  return line
    .split(' ')
    .slice(8)
    .some((range) => {
      if (range.startsWith('[')) return false;
      const [from, to = from] = range.split('-').map(Number);
      return slot >= from && slot <= to;
    });
}
