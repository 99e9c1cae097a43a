import { Counter, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics.registry';

/** What the per-user rate limits report: refused requests, and writes counted in process. */
export class RateLimitMetrics {
  private readonly limited: Counter<'throttler'>;
  private readonly fallbacks: Counter;

  constructor(registry: Registry) {
    this.limited = new Counter({
      name: `${METRIC_PREFIX}rate_limited_total`,
      help: 'Requests refused with 429 by the per-user rate limits, by throttler',
      labelNames: ['throttler'],
      registers: [registry],
    });
    this.fallbacks = new Counter({
      name: `${METRIC_PREFIX}rate_limit_local_fallbacks_total`,
      help: 'Writes counted in process because Redis did not answer',
      registers: [registry],
    });
  }

  rateLimited(throttler: string): void {
    this.limited.inc({ throttler });
  }

  countedLocally(): void {
    this.fallbacks.inc();
  }
}
