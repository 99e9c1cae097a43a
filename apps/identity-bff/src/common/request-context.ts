import { context } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { withLogContext } from '../logging/log-context';
import { AppLoggers } from '../logging/loggers';
import { logRequestAborted, logRequestCompleted } from '../logging/request-log';
import { endServerSpan, startServerSpan } from '../tracing/server-spans';

/**
 * Every request runs in one context, active from its first hook to its answer: its SERVER span,
 * its id and its app's logger. When it ends: the span ends and the request's log line is written.
 */
export function useRequestContext(fastify: FastifyInstance, loggers: AppLoggers): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const requestContext = withLogContext(startServerSpan(request), request.id, loggers.app);
    context.with(requestContext, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequestCompleted(loggers.requests, request, reply); // first: it reads the span's ids
    endServerSpan(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    logRequestAborted(loggers.requests, request);
    endServerSpan(request, undefined);
    done();
  });
}
