import { closeRedisClient, withTimeout } from './redis-timeouts';
import { RedisClient } from './redis-token-store';

const never = new Promise<never>(() => undefined);

/** A client stand-in that records how it was closed. */
function clientThat(ready: boolean, close: () => Promise<void>) {
  const calls: string[] = [];
  const client = {
    isReady: ready,
    close: () => (calls.push('close'), close()),
    destroy: () => void calls.push('destroy'),
  } as unknown as RedisClient;
  return { client, calls };
}

describe('withTimeout', () => {
  it('passes a timely answer through', async () => {
    await expect(withTimeout(Promise.resolve('OK'), 50)).resolves.toBe('OK');
  });

  it('fails a command still unanswered after the timeout, naming it', async () => {
    await expect(withTimeout(never, 20)).rejects.toThrow('Redis command timed out after 20 ms');
  });
});

describe('closeRedisClient', () => {
  it('closes a connected client gracefully', async () => {
    const { client, calls } = clientThat(true, () => Promise.resolve());
    await closeRedisClient(client, 50);
    expect(calls).toEqual(['close']);
  });

  it('drops the connection of a client that is not connected', async () => {
    const { client, calls } = clientThat(false, () => Promise.resolve());
    await closeRedisClient(client, 50);
    expect(calls).toEqual(['destroy']);
  });

  it('drops the connection when a graceful close hangs or fails', async () => {
    for (const close of [() => never, () => Promise.reject(new Error('closed'))]) {
      const { client, calls } = clientThat(true, close);
      await closeRedisClient(client, 20);
      expect(calls).toEqual(['close', 'destroy']);
    }
  });
});
