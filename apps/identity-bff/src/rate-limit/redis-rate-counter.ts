import { RedisClient, withTimeout } from '@app/uphold';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitMetrics } from '../metrics/rate-limit.metrics';
import { RateRecord, windowRecord } from './rate-window';

const KEY_PREFIX = 'identity-bff:rate-limit:';

/** One round trip: count the hit, start the window with the first one, say how long it has left. */
const COUNT_HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

/**
 * Fixed-window counts in Redis, shared by every replica. When Redis fails or does not answer in
 * time, the hit is counted by `fallback` in this process instead: the request is still limited,
 * never refused because of Redis.
 */
export class RedisRateCounter implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private countingLocally = false;

  constructor(
    private readonly client: RedisClient,
    private readonly commandTimeoutMs: number,
    private readonly fallback: ThrottlerStorage,
    private readonly metrics: RateLimitMetrics,
  ) {}

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
    throttlerName: string,
  ): Promise<RateRecord> {
    let reply: unknown;
    try {
      const command = this.client.eval(COUNT_HIT, {
        keys: [KEY_PREFIX + key],
        arguments: [String(ttlMs)],
      });
      reply = await withTimeout(command, this.commandTimeoutMs);
    } catch (error) {
      this.reportFallback(error);
      return this.fallback.increment(key, ttlMs, limit, blockDurationMs, throttlerName);
    }
    this.reportRecovery();
    const [hits, remainingMs] = reply as [number, number];
    return windowRecord(hits, remainingMs, limit);
  }

  private reportFallback(error: unknown): void {
    this.metrics.countedLocally();
    if (this.countingLocally) return;
    this.countingLocally = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Redis unavailable (${reason}): counting writes in this process meanwhile`);
  }

  private reportRecovery(): void {
    if (!this.countingLocally) return;
    this.countingLocally = false;
    this.logger.log('Redis answers again: counting writes in Redis');
  }
}
