import { RedisClient, UPHOLD_REDIS, UPHOLD_TELEMETRY } from '@app/uphold';
import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry } from './metrics.registry';
import { PrometheusUpholdTelemetry } from './prometheus-uphold.telemetry';
import { RateLimitMetrics } from './rate-limit.metrics';
import { RedisMetrics } from './redis.metrics';
import { withTraceEvents } from '../tracing/trace-events.telemetry';

/** Prometheus metrics: the registry, libs/uphold's telemetry, HTTP durations, `GET /metrics`. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: Registry, useFactory: createMetricsRegistry },
    {
      provide: UPHOLD_TELEMETRY,
      inject: [Registry],
      useFactory: (r: Registry) => withTraceEvents(new PrometheusUpholdTelemetry(r)),
    },
    { provide: HttpMetrics, inject: [Registry], useFactory: (r: Registry) => new HttpMetrics(r) },
    {
      provide: RateLimitMetrics,
      inject: [Registry],
      useFactory: (r: Registry) => new RateLimitMetrics(r),
    },
    {
      provide: RedisMetrics,
      inject: [Registry, { token: UPHOLD_REDIS, optional: true }],
      useFactory: (r: Registry, redis?: RedisClient | null) => new RedisMetrics(r, redis ?? null),
    },
  ],
  // HttpMetrics is hooked into Fastify by configure-app.ts
  exports: [Registry, UPHOLD_TELEMETRY, RateLimitMetrics, HttpMetrics],
})
export class MetricsModule {}
