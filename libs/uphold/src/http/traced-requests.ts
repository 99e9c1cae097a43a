import { context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { OutgoingHttpHeaders } from 'node:http';

const TRACER = '@app/uphold';
const SPAN = Symbol('client span');
type TracedConfig = InternalAxiosRequestConfig & { [SPAN]?: Span };

/** The span attributes naming the upstream: host and port. */
export type Peer = Record<'server.address' | 'server.port', string | number>;

export function peerOf(upstream: URL): Peer {
  return {
    'server.address': upstream.hostname,
    'server.port': Number(upstream.port) || (upstream.protocol === 'https:' ? 443 : 80),
  };
}

/**
 * A CLIENT span for one request, child of the active span, and its `traceparent` (and
 * `tracestate`) set on the request's headers. Only the method, the path (no query) and the peer
 * are recorded: never headers, bodies or the user.
 */
export function startClientSpan(
  method: string,
  pathAndQuery: string,
  peer: Peer,
  headers: OutgoingHttpHeaders | InternalAxiosRequestConfig['headers'],
): Span {
  const path = pathAndQuery.split('?')[0];
  const span = trace.getTracer(TRACER).startSpan(`${method} ${path}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': method, 'url.path': path, ...peer },
  });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return span;
}

/** Ends a CLIENT span with the answer's status, or the transport error's code. */
export function endClientSpan(span: Span, status?: number, errorType?: string): void {
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (errorType !== undefined) span.setAttribute('error.type', errorType);
  if (errorType !== undefined || (status !== undefined && status >= 400)) {
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** A CLIENT span around every request the axios instance sends (the token endpoint's). */
export function traceRequests(http: AxiosInstance, upstream: URL): void {
  const peer = peerOf(upstream);
  http.interceptors.request.use(
    (config: TracedConfig) => {
      const method = (config.method ?? 'get').toUpperCase();
      config[SPAN] = startClientSpan(method, config.url ?? '', peer, config.headers);
      return config;
    },
    undefined,
    { synchronous: true },
  );
  http.interceptors.response.use(
    (response: AxiosResponse) => {
      endSpanOf(response.config, response.status);
      return response;
    },
    (error: AxiosError) => {
      endSpanOf(error.config, undefined, error.code ?? 'error');
      throw error; // unchanged: the client maps transport errors itself
    },
  );
}

function endSpanOf(config: TracedConfig | undefined, status?: number, errorType?: string): void {
  const span = config?.[SPAN];
  if (span) endClientSpan(span, status, errorType);
}
