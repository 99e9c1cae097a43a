import { RedisClient } from '@app/uphold';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateRecord } from './rate-window';
import { WRITES } from './throttlers';

/** Routes each count: writes to the shared (Redis) counter when there is one, reads to this process. */
export class RateLimitStorage implements ThrottlerStorage {
  constructor(
    private readonly local: ThrottlerStorage,
    private readonly shared?: { counter: ThrottlerStorage; client: RedisClient },
  ) {}

  /** Passes the count on, unchanged, to the counter of its throttler. */
  increment(...count: Parameters<ThrottlerStorage['increment']>): Promise<RateRecord> {
    const throttlerName = count[4];
    const counter = throttlerName === WRITES && this.shared ? this.shared.counter : this.local;
    return counter.increment(...count);
  }

  /** Whether writes are counted where they should be: Redis ready, or no Redis configured. */
  isAvailable(): boolean {
    return !this.shared || this.shared.client.isReady;
  }
}
