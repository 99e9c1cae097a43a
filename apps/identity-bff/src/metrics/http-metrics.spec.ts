import type { FastifyReply, FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';
import { Scrape } from '../../../../test/support/prometheus-scrape';
import { onEveryRequest } from '../common/route-template';
import { HttpMetrics } from './http-metrics';

/** A request through the hook, answered with `status` after routing matched `routePath`. */
function answer(
  metrics: HttpMetrics,
  method: string,
  routePath: string | undefined,
  status = 200,
  { reachesTheApp = true } = {},
) {
  const raw = { headers: {} };
  const request = { method, is404: routePath === undefined, routeOptions: { url: routePath }, raw };
  const reply = { statusCode: status, elapsedTime: 3, raw: { setHeader: () => undefined } };
  if (reachesTheApp) {
    onEveryRequest(
      request as unknown as FastifyRequest,
      reply as unknown as FastifyReply,
      () => {},
    );
  }
  metrics.onResponse(
    request as unknown as FastifyRequest,
    reply as unknown as FastifyReply,
    () => undefined,
  );
}

async function measured(requests: (metrics: HttpMetrics) => void): Promise<Scrape> {
  const registry = new Registry();
  requests(new HttpMetrics(registry));
  return new Scrape(await registry.metrics());
}

const COUNT = 'identity_bff_http_request_duration_seconds_count';

describe('HttpMetrics', () => {
  it('labels a request by method, route template and status', async () => {
    const metrics = await measured((http) => {
      answer(http, 'GET', '/me/identity', 200);
      answer(http, 'GET', '/me/identity', 200);
      answer(http, 'PATCH', '/me/identity', 422);
    });
    expect(metrics.value(COUNT, { method: 'GET', route: '/me/identity', status: '200' })).toBe(2);
    expect(metrics.value(COUNT, { method: 'PATCH', route: '/me/identity', status: '422' })).toBe(1);
  });

  it('names a route template declared with a trailing slash like the route itself', async () => {
    const metrics = await measured((http) => answer(http, 'PATCH', '/me/identity/', 415));
    expect(metrics.value(COUNT, { route: '/me/identity', status: '415' })).toBe(1);
  });

  it('gives every request no route answered one label, unmatched', async () => {
    const metrics = await measured((http) => {
      answer(http, 'GET', undefined, 404);
      answer(http, 'OPTIONS', '*', 404);
    });
    expect(metrics.value(COUNT, { route: 'unmatched', status: '404' })).toBe(2);
  });

  it('does not measure a CORS preflight, answered before the app as on Express', async () => {
    const metrics = await measured((http) =>
      answer(http, 'OPTIONS', undefined, 204, { reachesTheApp: false }),
    );
    expect(metrics.value(COUNT)).toBeUndefined();
  });

  it('does not measure /metrics and /health', async () => {
    const metrics = await measured((http) => {
      answer(http, 'GET', '/metrics');
      answer(http, 'GET', '/health/ready', 503);
    });
    expect(metrics.value(COUNT)).toBeUndefined();
  });
});
