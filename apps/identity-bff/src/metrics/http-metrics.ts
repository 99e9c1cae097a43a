import type { FastifyReply, FastifyRequest } from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { reachedTheApp } from '../common/route-template';
import { LATENCY_BUCKETS } from './metric-buckets';
import { METRIC_PREFIX } from './metrics.registry';

/** The route label of a request no route answered. */
export const UNMATCHED_ROUTE = 'unmatched';

type Observe = (seconds: number) => void;

/**
 * `identity_bff_http_request_duration_seconds{method,route,status}`: the route is Fastify's
 * matched template (`/me/identity`), never the raw URL; /metrics and /health are not measured.
 */
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly children = new Map<string, Observe>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Duration of HTTP requests, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  /**
   * Fastify `onResponse` hook: the request from its arrival (before every hook)
   * until its response was sent (`reply.elapsedTime`). CORS preflights are answered before the
   * app's hooks and are not measured.
   */
  readonly onResponse = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const route = routeOf(request.is404 ? undefined : request.routeOptions.url);
    if (route !== undefined && reachedTheApp(request.raw)) {
      this.childFor(request.method, route, reply.statusCode)(reply.elapsedTime / 1000);
    }
    done();
  };

  private childFor(method: string, route: string, status: number): Observe {
    const key = `${method} ${route} ${status}`;
    let observe = this.children.get(key);
    if (!observe) {
      const child = this.duration.labels(method, route, String(status));
      observe = (seconds) => child.observe(seconds);
      this.children.set(key, observe);
    }
    return observe;
  }
}

/** The route template, UNMATCHED_ROUTE, or undefined for the routes that are not measured. */
function routeOf(path: string | undefined): string | undefined {
  // no route, or only a catch-all (the CORS preflight route is `*`)
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  if (path === '/metrics' || path.startsWith('/health')) return undefined;
  // a template declared with a trailing slash is named like the route itself
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
