import { Registry } from 'prom-client';
import { Scrape } from '../../../../test/support/prometheus-scrape';
import { PrometheusUpholdTelemetry } from './prometheus-uphold.telemetry';

async function reported(report: (telemetry: PrometheusUpholdTelemetry) => void): Promise<Scrape> {
  const registry = new Registry();
  report(new PrometheusUpholdTelemetry(registry));
  return new Scrape(await registry.metrics());
}

describe('PrometheusUpholdTelemetry', () => {
  it('records upstream call durations by operation and outcome', async () => {
    const metrics = await reported((telemetry) => {
      telemetry.upstreamCall('get_kyc', 'ok', 0.012);
      telemetry.upstreamCall('get_kyc', 'ok', 0.3);
      telemetry.upstreamCall('update_identity', 'timeout', 10);
    });
    const name = 'identity_bff_upstream_request_duration_seconds';
    expect(metrics.value(`${name}_count`, { operation: 'get_kyc', outcome: 'ok' })).toBe(2);
    expect(metrics.value(`${name}_bucket`, { operation: 'get_kyc', le: '0.02' })).toBe(1);
    expect(metrics.value(`${name}_sum`, { operation: 'get_kyc' })).toBeCloseTo(0.312);
    expect(
      metrics.value(`${name}_count`, { operation: 'update_identity', outcome: 'timeout' }),
    ).toBe(1);
  });

  it('gives the circuit state as 0 closed, 1 half open, 2 open', async () => {
    for (const [state, value] of [
      ['closed', 0],
      ['half_open', 1],
      ['open', 2],
    ] as const) {
      const metrics = await reported((telemetry) => telemetry.circuitState(state));
      expect(metrics.value('identity_bff_circuit_state')).toBe(value);
    }
  });

  it('counts token requests by outcome, every outcome shown from the start', async () => {
    const metrics = await reported((telemetry) => {
      telemetry.tokenRequest('issued');
      telemetry.tokenRequest('unavailable');
      telemetry.tokenRequest('unavailable');
    });
    const requests = (outcome: string) =>
      metrics.value('identity_bff_token_requests_total', { outcome });
    expect([requests('issued'), requests('unavailable'), requests('refused')]).toEqual([1, 2, 0]);
    expect(requests('bad_response')).toBe(0);
  });

  it('counts token lookups by tier and result', async () => {
    const metrics = await reported((telemetry) => {
      telemetry.tokenLookup('memory', 'hit');
      telemetry.tokenLookup('memory', 'hit');
      telemetry.tokenLookup('redis', 'error');
    });
    const lookups = (tier: string, result: string) =>
      metrics.value('identity_bff_token_cache_lookups_total', { tier, result });
    expect(lookups('memory', 'hit')).toBe(2);
    expect(lookups('redis', 'error')).toBe(1);
    expect(lookups('redis', 'hit')).toBe(0);
  });

  it('records lock waits and token ages as histograms', async () => {
    const metrics = await reported((telemetry) => {
      telemetry.lockWait(0.2);
      telemetry.tokenAgeAtUse(5);
      telemetry.tokenAgeAtUse(500);
    });
    expect(metrics.value('identity_bff_token_lock_wait_seconds_count')).toBe(1);
    expect(metrics.value('identity_bff_token_lock_wait_seconds_bucket', { le: '0.25' })).toBe(1);
    expect(metrics.value('identity_bff_token_age_at_use_seconds_count')).toBe(2);
    expect(metrics.value('identity_bff_token_age_at_use_seconds_bucket', { le: '10' })).toBe(1);
  });

  it('never throws, dropping values Prometheus cannot hold', async () => {
    const metrics = await reported((telemetry) => {
      telemetry.upstreamCall('get_kyc', 'ok', Number.NaN);
      telemetry.tokenAgeAtUse(Number.POSITIVE_INFINITY);
      telemetry.lockWait(Number.NaN);
      telemetry.circuitState('melted' as never);
    });
    expect(metrics.value('identity_bff_upstream_request_duration_seconds_count')).toBeUndefined();
    expect(metrics.value('identity_bff_token_age_at_use_seconds_count')).toBe(0);
    expect(metrics.value('identity_bff_circuit_state')).toBe(0);
  });

  it('shows Redis as 1 when up and 0 when down', async () => {
    expect((await reported((t) => t.redisUp(true))).value('identity_bff_redis_up')).toBe(1);
    const down = await reported((t) => {
      t.redisUp(true);
      t.redisUp(false);
    });
    expect(down.value('identity_bff_redis_up')).toBe(0);
  });
});
