import { context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

const TRACER = '@app/uphold';
const SPAN = Symbol('client span');
type TracedConfig = InternalAxiosRequestConfig & { [SPAN]?: Span };

/**
 * A CLIENT span around every request the instance sends (upstream calls and the token endpoint),
 * child of the active span, and its `traceparent` on the request. Only the method, the path
 * (no query), the peer and the status are recorded: never headers, bodies or the user.
 */
export function traceRequests(http: AxiosInstance, upstream: URL): void {
  const peer = {
    'server.address': upstream.hostname,
    'server.port': Number(upstream.port) || (upstream.protocol === 'https:' ? 443 : 80),
  };
  http.interceptors.request.use(
    (config: TracedConfig) => {
      const method = (config.method ?? 'get').toUpperCase();
      const path = (config.url ?? '').split('?')[0];
      const span = trace.getTracer(TRACER).startSpan(`${method} ${path}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'url.path': path, ...peer },
      });
      propagation.inject(trace.setSpan(context.active(), span), config.headers);
      config[SPAN] = span;
      return config;
    },
    undefined,
    { synchronous: true },
  );
  http.interceptors.response.use(
    (response: AxiosResponse) => {
      endSpan(response.config, response.status);
      return response;
    },
    (error: AxiosError) => {
      endSpan(error.config, undefined, error.code ?? 'error');
      throw error; // unchanged: the client maps transport errors itself
    },
  );
}

function endSpan(config: TracedConfig | undefined, status?: number, errorType?: string): void {
  const span = config?.[SPAN];
  if (!span) return;
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (errorType !== undefined) span.setAttribute('error.type', errorType);
  if (errorType !== undefined || (status !== undefined && status >= 400)) {
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
