import {
  Context,
  context,
  isSpanContextValid,
  propagation,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';

const TRACER = 'identity-bff';
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A SERVER span for the request, continuing the caller's `traceparent`: the context returned is to
 * be kept active for the whole request, so that the upstream call's `traceparent`, span events and
 * log lines all hang on it. It holds the route template and the status only: no path
 * parameters, headers, user id or body.
 */
export function startServerSpan(request: FastifyRequest): Context {
  const parent = propagation.extract(context.active(), request.headers);
  const route = request.routeOptions.url;
  const span = trace.getTracer(TRACER).startSpan(
    route ? `${request.method} ${route}` : request.method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': request.method,
        ...(route && { 'http.route': route }),
      },
    },
    parent,
  );
  spans.set(request, span);
  return trace.setSpan(parent, span);
}

/** Ends the request's span with its status, or as aborted when there is none. */
export function endServerSpan(request: FastifyRequest, status: number | undefined): void {
  const span = spans.get(request);
  if (!span) return;
  spans.delete(request);
  if (status === undefined) {
    span.setAttribute('error.type', 'aborted');
    span.setStatus({ code: SpanStatusCode.ERROR });
  } else {
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The request's trace and span ids, for its log line (read before its span ends); none when tracing is off. */
export function traceIdsOf(request: FastifyRequest): { trace_id?: string; span_id?: string } {
  const ids = spans.get(request)?.spanContext();
  return ids && isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
