import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';
import { traceIdsOf } from '../tracing/server-spans';

/**
 * The one line per request, written once its answer is out (or the client gave up): id, method,
 * path, route, status, duration, upstream request id, trace ids. Never headers or bodies.
 */
export function logRequestCompleted(logger: Logger, request: FastifyRequest, reply: FastifyReply) {
  const status = reply.statusCode;
  const level = levelOf(status);
  if (!logger.isLevelEnabled(level) || isProbe(request)) return;
  const upstreamRequestId = reply.getHeader('x-upstream-request-id');
  logger[level](
    {
      ...requestFields(request),
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime),
      route: request.routeOptions.url,
      upstreamRequestId: typeof upstreamRequestId === 'string' ? upstreamRequestId : undefined,
    },
    'request completed',
  );
}

/** A request the client hung up on: its doing, so info, however many there are. */
export function logRequestAborted(logger: Logger, request: FastifyRequest) {
  if (!logger.isLevelEnabled('info') || isProbe(request)) return;
  logger.info({ ...requestFields(request), route: request.routeOptions.url }, 'request aborted');
}

function requestFields(request: FastifyRequest) {
  const { id, method } = request;
  return { reqId: id, req: { id, method, path: pathOf(request) }, ...traceIdsOf(request) };
}

/**
 * Our own fault (500) is an error and an upstream's (502–504) a warning; the client's doing (4xx,
 * a request it did not send in time) is info.
 */
function levelOf(status: number): Level {
  if (status === 500) return 'error';
  return status > 500 ? 'warn' : 'info';
}

/** Health probes every few seconds would drown the lines that matter. */
function isProbe(request: FastifyRequest): boolean {
  return pathOf(request).startsWith('/health');
}

/** The path without its query string (queries are not ours to log). */
function pathOf(request: FastifyRequest): string {
  const { url } = request.raw;
  const query = url?.indexOf('?') ?? -1;
  return query === -1 ? (url ?? '') : url!.slice(0, query);
}
