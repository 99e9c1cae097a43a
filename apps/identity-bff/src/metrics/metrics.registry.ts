import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRIC_PREFIX = 'identity_bff_';

/**
 * The app's own registry (never prom-client's global one, so several apps in one process do not
 * collide), with Node's process metrics collected into it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
