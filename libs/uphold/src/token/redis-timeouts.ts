import { raceTimer } from '../resilience/race-timer';
import { RedisClient } from './redis-token-store';

/**
 * Races a Redis command against a timer: node-redis's own command timeout stops counting once a
 * command is written, so a paused Redis would otherwise stall the caller.
 */
export function withTimeout<T>(command: Promise<T>, timeoutMs: number): Promise<T> {
  return raceTimer(
    command,
    timeoutMs,
    () => new Error(`Redis command timed out after ${timeoutMs} ms`),
  );
}

/** Closes gracefully when connected, else (or when that hangs) drops the connection. */
export async function closeRedisClient(client: RedisClient, timeoutMs: number): Promise<void> {
  if (!client.isReady) return client.destroy();
  await withTimeout(client.close(), timeoutMs).catch(() => client.destroy());
}
