import type { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'node:http';

const ROUTE = Symbol('identity-bff:route');

/** A raw request, with the route template Fastify matched for it (stamped first thing). */
export type RoutedRequest = IncomingMessage & { [ROUTE]?: string };

/**
 * The first hook of every request: echoes the request id (`X-Request-Id`, on the raw response so
 * that every answer carries it, whoever writes it) and keeps the matched route template on the
 * raw request, the mark of a request that reached the app's hooks.
 */
export function onEveryRequest(request: FastifyRequest, reply: FastifyReply, done: () => void) {
  reply.raw.setHeader('X-Request-Id', request.id);
  (request.raw as RoutedRequest)[ROUTE] = request.routeOptions.url;
  done();
}

/** False for a request answered before `onEveryRequest` (a CORS preflight), as on Express. */
export function reachedTheApp(request: IncomingMessage): boolean {
  return ROUTE in request;
}
