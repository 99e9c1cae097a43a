import { RedisClient } from './redis-connection';
import { withTimeout } from './redis-timeouts';
import { TokenStore } from './token-store';

export type { RedisClient } from './redis-connection';

const DELETE_IF_STARTS_WITH = `
local value = redis.call('GET', KEYS[1])
if value and string.sub(value, 1, string.len(ARGV[1])) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const UNLOCK_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** The shared store on node-redis; every command races a timer (see withTimeout). */
export class RedisTokenStore implements TokenStore {
  readonly shared = true;

  constructor(
    private readonly client: RedisClient,
    private readonly commandTimeoutMs: number,
  ) {}

  isAvailable(): boolean {
    return this.client.isReady;
  }

  get(key: string): Promise<string | null> {
    return this.timed(this.client.get(key));
  }

  async set(
    key: string,
    value: string,
    ttlMs: number,
    options: { onlyIfAbsent?: boolean } = {},
  ): Promise<void> {
    const expiration = { type: 'PX', value: Math.max(1, ttlMs) } as const;
    const condition = options.onlyIfAbsent ? ('NX' as const) : undefined;
    await this.timed(this.client.set(key, value, { expiration, condition }));
  }

  async deleteIfStartsWith(key: string, prefix: string): Promise<boolean> {
    const deleted = await this.timed(
      this.client.eval(DELETE_IF_STARTS_WITH, { keys: [key], arguments: [prefix] }),
    );
    return deleted === 1;
  }

  async tryLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await this.timed(
      this.client.set(key, owner, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
    );
    return reply === 'OK';
  }

  async unlock(key: string, owner: string): Promise<void> {
    await this.timed(this.client.eval(UNLOCK_IF_OWNER, { keys: [key], arguments: [owner] }));
  }

  waitUntilAvailable(timeoutMs: number): Promise<boolean> {
    if (this.client.isReady) return Promise.resolve(true);
    return new Promise((resolve) => {
      const ready = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.client.off('ready', ready);
        resolve(false);
      }, timeoutMs);
      this.client.once('ready', ready);
    });
  }

  onAvailable(listener: () => void): void {
    this.client.on('ready', listener);
  }

  async close(): Promise<void> {
    if (!this.client.isReady) return this.client.destroy();
    await this.timed(this.client.close()).catch(() => this.client.destroy());
  }

  private timed<T>(command: Promise<T>): Promise<T> {
    return withTimeout(command, this.commandTimeoutMs);
  }
}
