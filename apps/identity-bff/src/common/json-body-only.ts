import { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException } from './problem.exception';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** `application/json`, with parameters or not; `application/*+json` types are other formats. */
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/** A write must send `application/json`: any other body is refused before it is read. */
export function jsonBodyOnly(
  request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (!METHODS_WITH_BODY.has(request.method ?? '')) return next();
  const type = request.headers['content-type'] ?? '';
  if (JSON_TYPE.test(type)) return next();
  next(
    new ProblemException(
      415,
      'unsupported_media_type',
      'The request body must be application/json.',
    ),
  );
}
