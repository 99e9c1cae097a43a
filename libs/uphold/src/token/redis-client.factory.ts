import { Logger } from '@nestjs/common';
import { createClient } from 'redis';
import { RedisClient } from './redis-token-store';

const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisClientEvents {
  /** Names the client in its log lines (default `Redis`). */
  name?: string;
  /** Told true when the client is ready, false when it loses the connection. */
  onAvailability?: (up: boolean) => void;
}

/**
 * A node-redis client that fails commands at once while offline (no queue) and connects and
 * reconnects in the background with capped backoff: the service starts and serves without Redis.
 */
export function createRedisClient(
  url: string,
  connectTimeoutMs: number,
  { name = 'Redis', onAvailability = () => undefined }: RedisClientEvents = {},
): RedisClient {
  const logger = new Logger(name);
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries: number) =>
        Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(retries, 6)) + Math.random() * 100,
    },
  });
  let reportedDown = false;
  client.on('ready', () => {
    reportedDown = false;
    onAvailability(true);
    logger.log('connected');
  });
  client.on('error', (error: Error) => {
    onAvailability(false);
    if (!reportedDown) logger.warn(`unavailable, reconnecting in the background: ${error.message}`);
    reportedDown = true;
  });
  client.on('reconnecting', () => onAvailability(false));
  client.on('end', () => onAvailability(false));
  client.connect().catch(() => undefined); // reported by the 'error' listener
  return client;
}
