import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { ProblemException } from './problem.exception';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** `application/json`, with parameters or not; `application/*+json` types are other formats. */
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * A write to a route must send `application/json`: any other body is refused (415) before it is
 * read, and before the JWT is checked. A write to no route is left to the 404.
 */
export function useJsonBodyOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', refuseNonJsonWrite);
}

function refuseNonJsonWrite(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  if (!METHODS_WITH_BODY.has(request.method) || request.is404) return done();
  if (JSON_TYPE.test(request.headers['content-type'] ?? '')) return done();
  done(
    new ProblemException(
      415,
      'unsupported_media_type',
      'The request body must be application/json.',
    ),
  );
}
