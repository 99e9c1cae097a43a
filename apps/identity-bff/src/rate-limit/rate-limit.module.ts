import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, RedisClient, UPHOLD_REDIS } from '@app/uphold';
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

/** Writes are counted on the process's one Redis connection (the token store's), if there is one. */
function createStorage(
  config: AppConfig,
  metrics: RateLimitMetrics,
  client: RedisClient | null,
): RateLimitStorage {
  const local = new InProcessRateCounter();
  if (!client) return new RateLimitStorage(local);
  const timeoutMs = config.uphold.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  const counter = new RedisRateCounter(client, timeoutMs, local, metrics);
  return new RateLimitStorage(local, { counter, client });
}

/**
 * Per-user rate limits (contract §7) on @nestjs/throttler: its guard and options, our storage.
 * Import it after AuthModule: global guards run in the order their modules are imported.
 */
@Module({
  providers: [
    {
      provide: RateLimitStorage,
      inject: [AppConfig, RateLimitMetrics, UPHOLD_REDIS],
      useFactory: createStorage,
    },
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
