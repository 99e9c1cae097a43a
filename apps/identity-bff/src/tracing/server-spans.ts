import { context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TRACER = 'identity-bff';
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A SERVER span per request, continuing the caller's `traceparent`, active for the whole request:
 * the upstream call's `traceparent`, span events and log lines all hang on it. It holds the
 * route template and the status only: no path parameters, headers, user id or body.
 */
export function useServerSpans(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done) => {
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
    context.with(trace.setSpan(parent, span), done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    endSpan(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request: FastifyRequest, done) => {
    endSpan(request, undefined);
    done();
  });
}

function endSpan(request: FastifyRequest, status: number | undefined): void {
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
