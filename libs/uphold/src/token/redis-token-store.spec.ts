import { EventEmitter } from 'node:events';
import { createClient, RedisClientType } from 'redis';
import { TestRedis } from '../../../../test/support/redis-server';
import { createRedisClient } from './redis-client.factory';
import { RedisClient } from './redis-connection';
import { RedisTokenStore } from './redis-token-store';

/** The process's Redis connection as the module builds it, for a standalone Redis. */
const connectionTo = (url: string): RedisClient =>
  createRedisClient({ kind: 'standalone', url }, 1_000, { name: 'test' });

/** The store's scripts and options against a real redis-server (Lua cannot be faked). */
describe('RedisTokenStore', () => {
  let redis: TestRedis;
  let connection: RedisClient;
  /** A plain client beside the store's connection, to look at what the store wrote. */
  let client: RedisClientType;
  let store: RedisTokenStore;

  beforeAll(async () => {
    redis = await TestRedis.start();
    connection = connectionTo(redis.url);
    store = new RedisTokenStore(connection, 1_000);
    await store.waitUntilAvailable(5_000);
    client = createClient({ url: redis.url, disableOfflineQueue: true });
    client.on('error', () => undefined); // a failed command rejects; the event alone must not crash
    await client.connect();
  });
  afterAll(async () => {
    await store.close();
    client.destroy();
    await redis.stop();
  });
  beforeEach(() => client.flushAll());

  it('is shared and available once connected', async () => {
    expect(store.shared).toBe(true);
    expect(store.isAvailable()).toBe(true);
    await expect(store.waitUntilAvailable(10)).resolves.toBe(true);
  });

  it('stores a value with a TTL in milliseconds', async () => {
    await store.set('k', 'v', 60_000);
    expect(await store.get('k')).toBe('v');
    const ttl = await client.pTTL('k');
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await store.get('missing')).toBeNull();
  });

  it('never stores a value without a TTL, even when the TTL is used up', async () => {
    await store.set('k', 'v', 0);
    expect(await client.pTTL('k')).not.toBe(-1);
  });

  it('overwrites, unless asked to write only when absent', async () => {
    await store.set('k', 'first', 60_000);
    await store.set('k', 'second', 60_000, { onlyIfAbsent: true });
    expect(await store.get('k')).toBe('first');
    await store.set('k', 'third', 60_000);
    expect(await store.get('k')).toBe('third');
  });

  it('deletes only a value that still starts with the prefix (compare-and-delete)', async () => {
    await store.set('k', 'v2.newer.sealed', 60_000);
    expect(await store.deleteIfStartsWith('k', 'v2.older.')).toBe(false);
    expect(await store.get('k')).toBe('v2.newer.sealed');
    expect(await store.deleteIfStartsWith('k', 'v2.newer.sealed.longer')).toBe(false);
    expect(await store.deleteIfStartsWith('k', 'v2.newer.')).toBe(true);
    expect(await store.get('k')).toBeNull();
    expect(await store.deleteIfStartsWith('k', 'v2.newer.')).toBe(false);
  });

  it('gives a lock to one owner at a time, for its TTL, and frees it only for that owner', async () => {
    expect(await store.tryLock('lock', 'a', 60_000)).toBe(true);
    expect(await client.pTTL('lock')).toBeGreaterThan(59_000);
    expect(await store.tryLock('lock', 'b', 60_000)).toBe(false);
    await store.unlock('lock', 'b');
    expect(await client.get('lock')).toBe('a');
    await store.unlock('lock', 'a');
    expect(await client.get('lock')).toBeNull();
    expect(await store.tryLock('lock', 'b', 60_000)).toBe(true);
  });

  it('tells its listeners when the connection is ready again', () => {
    const ready = jest.fn();
    store.onAvailable(ready);
    (connection as unknown as EventEmitter).emit('ready');
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('fails a command that Redis does not answer within the command timeout', async () => {
    redis.pause();
    try {
      const started = Date.now();
      await expect(store.get('k')).rejects.toThrow('Redis command timed out after 1000 ms');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      redis.resume();
    }
  });
});

describe('RedisTokenStore before Redis answers', () => {
  let redis: TestRedis | undefined;
  let store: RedisTokenStore | undefined;
  // also after a test that timed out: a redis-server left behind would outlive the test process
  afterEach(async () => {
    await store?.close();
    await redis?.stop();
  });

  it('waits for the connection, bounded', async () => {
    redis = await TestRedis.start();
    await redis.stop();
    store = new RedisTokenStore(connectionTo(redis.url), 1_000);
    expect(store.isAvailable()).toBe(false);
    await expect(store.waitUntilAvailable(50)).resolves.toBe(false);
    const waiting = store.waitUntilAvailable(10_000);
    await redis.restart();
    await expect(waiting).resolves.toBe(true);
    expect(store.isAvailable()).toBe(true);
  }, 5_000); // connects within a second: fail soon rather than at the suite's timeout
});

/** A connection stand-in: readiness, 'ready' events and how it was closed. */
class StandInConnection extends EventEmitter {
  isReady = false;
  readonly calls: string[] = [];
  closing: () => Promise<void> = () => Promise.resolve();
  close(): Promise<void> {
    this.calls.push('close');
    return this.closing();
  }
  destroy(): void {
    this.calls.push('destroy');
  }
}

describe('RedisTokenStore on its connection', () => {
  const storeOn = (connection: StandInConnection, timeoutMs = 50) =>
    new RedisTokenStore(connection as unknown as RedisClient, timeoutMs);

  afterEach(() => jest.useRealTimers());

  it('is the store the replicas share', () => {
    expect(storeOn(new StandInConnection()).shared).toBe(true);
  });

  it('closes a ready connection gracefully', async () => {
    const connection = Object.assign(new StandInConnection(), { isReady: true });
    await storeOn(connection).close();
    expect(connection.calls).toEqual(['close']);
  });

  it('drops a connection that is not ready, and one whose graceful close fails or hangs', async () => {
    const down = new StandInConnection();
    await storeOn(down).close();
    expect(down.calls).toEqual(['destroy']);
    for (const closing of [
      () => Promise.reject(new Error('closed')),
      () => new Promise<void>(() => undefined),
    ]) {
      const connection = Object.assign(new StandInConnection(), { isReady: true, closing });
      await storeOn(connection, 20).close();
      expect(connection.calls).toEqual(['close', 'destroy']);
    }
  });

  it('stops waiting for the connection at the bound, leaving no listener behind', async () => {
    jest.useFakeTimers();
    const connection = new StandInConnection();
    const waiting = storeOn(connection).waitUntilAvailable(1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(waiting).resolves.toBe(false);
    expect(connection.listenerCount('ready')).toBe(0);
  }, 5_000);

  it('stops its timer once the connection is ready', async () => {
    jest.useFakeTimers();
    const connection = new StandInConnection();
    const waiting = storeOn(connection).waitUntilAvailable(1_000);
    connection.emit('ready');
    await expect(waiting).resolves.toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  }, 5_000); // settles at once: fail soon rather than at the suite's timeout
});
