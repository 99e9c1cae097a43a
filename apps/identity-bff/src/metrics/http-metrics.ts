import { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './metric-buckets';
import { METRIC_PREFIX } from './metrics.registry';

/** The route label of a request no route answered. */
export const UNMATCHED_ROUTE = 'unmatched';

const STARTED_AT = Symbol('identity-bff:started-at');
type TimedResponse = Response & { [STARTED_AT]?: number };
type Observe = (seconds: number) => void;

/**
 * `identity_bff_http_request_duration_seconds{method,route,status}`: the route is Express's
 * matched template (`/me/identity`), never the raw URL; /metrics and /health are not measured.
 */
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly children = new Map<string, Observe>();
  private readonly onFinish: (this: TimedResponse) => void;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Duration of HTTP requests, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    const record = (response: TimedResponse) => this.record(response);
    // one listener for every response (it reads the response from `this`): no closure per request
    this.onFinish = function (this: TimedResponse) {
      record(this);
    };
  }

  /** Express middleware, mounted before every other: times the request until its response is sent. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    (response as TimedResponse)[STARTED_AT] = performance.now();
    response.once('finish', this.onFinish);
    next();
  };

  private record(response: TimedResponse): void {
    const startedAt = response[STARTED_AT];
    const route = routeOf(response.req);
    if (startedAt === undefined || route === undefined) return;
    const seconds = (performance.now() - startedAt) / 1000;
    this.childFor(response.req.method, route, response.statusCode)(seconds);
  }

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
function routeOf(request: Request): string | undefined {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  // no route, or only the catch-all (`/{*path}`) that Nest mounts app-wide middleware on
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  if (path === '/metrics' || path.startsWith('/health')) return undefined;
  // a body refused by middleware mounted for a controller shows the controller's path with a slash
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
