import { RedisClient } from '@app/uphold';
import { Gauge, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics.registry';

/**
 * The state of the Redis topology, read at each scrape: which topology, and what readiness
 * depends on (cluster: slots served; sentinel: a master known). Nothing without Redis.
 */
export class RedisMetrics {
  constructor(registry: Registry, redis: RedisClient | null) {
    if (!redis) return;
    const registers = [registry];
    new Gauge({
      name: `${METRIC_PREFIX}redis_topology_info`,
      help: 'The Redis topology in use (standalone, cluster or sentinel), always 1',
      labelNames: ['topology'],
      registers,
      collect() {
        this.set({ topology: redis.state().topology }, 1);
      },
    });
    const state = redis.state();
    if (state.topology === 'cluster') {
      new Gauge({
        name: `${METRIC_PREFIX}redis_cluster_slots_served`,
        help: 'Redis Cluster hash slots (of 16384) whose master this process is connected to',
        registers,
        collect() {
          const now = redis.state();
          this.set(now.topology === 'cluster' ? now.slotsServed : 0);
        },
      });
    }
    if (state.topology === 'sentinel') {
      new Gauge({
        name: `${METRIC_PREFIX}redis_sentinel_master_known`,
        help: 'Redis behind Sentinel: 1 while the sentinels have named a master this process uses',
        registers,
        collect() {
          const now = redis.state();
          this.set(now.topology === 'sentinel' && now.masterKnown ? 1 : 0);
        },
      });
    }
  }
}
