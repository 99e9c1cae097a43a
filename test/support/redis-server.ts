import { ChildProcess, spawn } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from './free-port';

/** A short-lived client of the test's own (inspection, never the app's client). */
export function inspectorFor(url: string) {
  return createClient({ url, socket: { reconnectStrategy: false } });
}
export type RedisInspector = ReturnType<typeof inspectorFor>;

/** A real redis-server of the test's own, on a free port, that the test may kill, pause and restart. */
export class TestRedis {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.restart();
    return redis;
  }

  /** The server's process id (the benchmark pins it to a core). */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** SIGSTOP: the server keeps its connections but answers nothing (a hung Redis). */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async restart(): Promise<void> {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) return;
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
    });
    child.removeAllListeners('exit');
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // already gone
    child.kill('SIGCONT');
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  /** Runs fn with a short-lived client (inspection from the test, never the app's client). */
  async inspect<T>(fn: (client: RedisInspector) => Promise<T>): Promise<T> {
    const client = inspectorFor(this.url);
    client.on('error', () => undefined); // a failed command rejects; the event alone must not crash
    await client.connect();
    try {
      return await fn(client);
    } finally {
      client.destroy();
    }
  }

  /** Every key with its value and remaining TTL in ms. */
  entries(): Promise<{ key: string; value: string | null; ttlMs: number }[]> {
    return this.inspect(async (client) => {
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

  flush(): Promise<unknown> {
    return this.inspect((client) => client.flushAll());
  }
}
