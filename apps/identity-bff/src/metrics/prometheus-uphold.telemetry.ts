import {
  CircuitState,
  TokenCacheTier,
  TokenLookupResult,
  TokenRequestOutcome,
  UpholdTelemetry,
  UpstreamOperation,
  UpstreamOutcome,
} from '@app/uphold';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, LOCK_WAIT_BUCKETS, TOKEN_AGE_BUCKETS } from './metric-buckets';
import { METRIC_PREFIX } from './metrics.registry';

/** The value of `identity_bff_circuit_state` for each state of the upstream circuit breaker. */
export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = {
  closed: 0,
  half_open: 1,
  open: 2,
};

const TOKEN_OUTCOMES: TokenRequestOutcome[] = ['issued', 'refused', 'unavailable', 'bad_response'];

type Increment = () => void;

/**
 * libs/uphold's reports as Prometheus metrics. Never throws (a value prom-client would refuse is
 * dropped); the counters on the hot path use label children made once, not per call.
 */
export class PrometheusUpholdTelemetry implements UpholdTelemetry {
  private readonly upstreamDuration: Histogram<'operation' | 'outcome'>;
  private readonly tokenRequests = new Map<TokenRequestOutcome, Increment>();
  private readonly tokenLookups: Record<TokenCacheTier, Record<TokenLookupResult, Increment>>;
  private readonly lockWaitSeconds: Histogram;
  private readonly tokenAgeSeconds: Histogram;
  private readonly redis: Gauge;
  private readonly circuit: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.upstreamDuration = new Histogram({
      name: `${METRIC_PREFIX}upstream_request_duration_seconds`,
      help: 'Duration of calls to the upstream API, by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const requests = new Counter({
      name: `${METRIC_PREFIX}token_requests_total`,
      help: 'HTTP requests to the upstream token endpoint (each retry counts), by outcome',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of TOKEN_OUTCOMES)
      this.tokenRequests.set(outcome, counting(requests, outcome));
    const lookups = new Counter({
      name: `${METRIC_PREFIX}token_cache_lookups_total`,
      help: 'Lookups of the client-credentials token, by cache tier and result',
      labelNames: ['tier', 'result'],
      registers,
    });
    const byResult = (tier: TokenCacheTier) => ({
      hit: counting(lookups, tier, 'hit'),
      miss: counting(lookups, tier, 'miss'),
      error: counting(lookups, tier, 'error'),
    });
    this.tokenLookups = { memory: byResult('memory'), redis: byResult('redis') };
    this.lockWaitSeconds = new Histogram({
      name: `${METRIC_PREFIX}token_lock_wait_seconds`,
      help: "Time a replica waited under the cluster lock for another replica's token",
      buckets: LOCK_WAIT_BUCKETS,
      registers,
    });
    this.tokenAgeSeconds = new Histogram({
      name: `${METRIC_PREFIX}token_age_at_use_seconds`,
      help: 'Age of the client-credentials token when a request takes it for an upstream call',
      buckets: TOKEN_AGE_BUCKETS,
      registers,
    });
    this.redis = new Gauge({
      name: `${METRIC_PREFIX}redis_up`,
      help: '1 while the Redis connection is ready (standalone: connected; cluster: every slot served; sentinel: a master known), else 0 (also 0 without Redis)',
      registers,
    });
    this.circuit = new Gauge({
      name: `${METRIC_PREFIX}circuit_state`,
      help: 'State of the upstream circuit breaker: 0 closed, 1 half open, 2 open',
      registers,
    });
  }

  upstreamCall(operation: UpstreamOperation, outcome: UpstreamOutcome, seconds: number): void {
    if (Number.isFinite(seconds)) this.upstreamDuration.observe({ operation, outcome }, seconds);
  }

  tokenRequest(outcome: TokenRequestOutcome): void {
    this.tokenRequests.get(outcome)?.();
  }

  tokenLookup(tier: TokenCacheTier, result: TokenLookupResult): void {
    this.tokenLookups[tier][result]();
  }

  lockWait(seconds: number): void {
    if (Number.isFinite(seconds)) this.lockWaitSeconds.observe(seconds);
  }

  tokenAgeAtUse(seconds: number): void {
    if (Number.isFinite(seconds)) this.tokenAgeSeconds.observe(seconds);
  }

  redisUp(up: boolean): void {
    this.redis.set(up ? 1 : 0);
  }

  circuitState(state: CircuitState): void {
    const value = CIRCUIT_STATE_VALUE[state] as number | undefined;
    if (value !== undefined) this.circuit.set(value);
  }
}

/** A labelled child, created now and shown as 0 until it first counts. */
function counting<T extends string>(counter: Counter<T>, ...values: string[]): Increment {
  const child = counter.labels(...values);
  child.inc(0);
  return () => child.inc();
}
