import { createRedisClient, DEFAULT_REDIS_COMMAND_TIMEOUT_MS } from '@app/uphold';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { RateLimitMetrics } from '../metrics/rate-limit.metrics';
import { InProcessRateCounter } from './in-process-rate-counter';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';
import { RedisRateCounter } from './redis-rate-counter';
import { throttlersFor } from './throttlers';

function createStorage(config: AppConfig, metrics: RateLimitMetrics): RateLimitStorage {
  const local = new InProcessRateCounter();
  const { redisUrl, redisCommandTimeoutMs } = config.uphold;
  if (!redisUrl) return new RateLimitStorage(local);
  const timeoutMs = redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  const client = createRedisClient(redisUrl, 4 * timeoutMs, { name: 'RateLimitRedis' });
  const counter = new RedisRateCounter(client, timeoutMs, local, metrics);
  return new RateLimitStorage(local, { counter, client, timeoutMs });
}

/**
 * Per-user rate limits (contract §7) on @nestjs/throttler: its guard and options, our storage.
 * Import it after AuthModule: global guards run in the order their modules are imported.
 */
@Module({
  providers: [
    { provide: RateLimitStorage, inject: [AppConfig, RateLimitMetrics], useFactory: createStorage },
    { provide: getStorageToken(), useExisting: RateLimitStorage },
    {
      provide: getOptionsToken(),
      inject: [AppConfig],
      useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
        throttlers: throttlersFor(config.rateLimit),
        setHeaders: false,
      }),
    },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class RateLimitModule {}
