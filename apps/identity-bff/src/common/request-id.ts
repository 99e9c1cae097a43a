import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The request id: the caller's `X-Request-Id` when it is sane (nothing that could forge log lines
 * or upstream headers), else a new UUID. Fastify calls it first thing (`genReqId`); the request's
 * context and log line read it from Fastify's request, and `route-template.ts` echoes it on
 * the response.
 */
export function newRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request's id, on Fastify's request or on the raw one. */
export function requestIdOf(request: object): string {
  const { id } = request as { id?: unknown };
  return typeof id === 'string' ? id : 'unknown';
}
