import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'node:http';
import { ProblemException } from './problem.exception';

/** Largest accepted request body (contract §1.4: 413 `payload_too_large` beyond it). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Deepest nesting of objects and arrays a body may have: the deepest legal body has 3 levels
 * (`person.address`, `media[]` items), and a deeper one is refused before it reaches the
 * recursive validation (a body 10,000 levels deep would overflow its stack).
 */
export const MAX_BODY_DEPTH = 32;

type Done = (error: Error | null, body?: unknown) => void;

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [...'"\\{}[]'].map(
  (c) => c.charCodeAt(0),
);
const FIRST_CHARACTER = /^[ \t\n\r]*(.)/;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Request bodies as the BFF reads them: `application/json` only (strict, as Express's `json()`
 * was: an object or an array, an empty body is `{}`, UTF-* only), up to the instance's body
 * limit; any other body is left unread (`json-body-only.ts` refuses it on write routes first).
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  fastify.addContentTypeParser('*', ignoreBody);
}

function parseJson(request: FastifyRequest, body: string | Buffer, done: Done): void {
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1].toLowerCase();
  if (charset !== undefined && !charset.startsWith('utf-')) {
    return done(
      new ProblemException(
        415,
        'unsupported_media_type',
        'The request body must be application/json.',
      ),
    );
  }
  const text = body.toString();
  if (text.length === 0) return done(null, {});
  const first = FIRST_CHARACTER.exec(text)?.[1];
  if (first !== '{' && first !== '[') return done(notJson());
  if (nestingDepthExceeds(text, MAX_BODY_DEPTH)) {
    return done(
      new ProblemException(
        400,
        'validation_failed',
        `The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`,
      ),
    );
  }
  try {
    done(null, JSON.parse(text));
  } catch {
    done(notJson());
  }
}

/** One pass over the text, before parsing: brackets outside strings, counted. */
function nestingDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

function ignoreBody(_request: FastifyRequest, payload: IncomingMessage, done: Done): void {
  payload.resume();
  done(null, undefined);
}

function notJson(): ProblemException {
  return new ProblemException(400, 'validation_failed', 'The request body is not valid JSON.');
}
