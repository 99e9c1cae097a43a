import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** A JSON API loads nothing: no source is allowed and no page may frame it. */
const apiHeaders: Middleware = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/** The Swagger UI loads its own scripts, inline styles and data: images: helmet's default CSP. */
const docsHeaders: Middleware = helmet();

/**
 * A Fastify `onRequest` hook: helmet's headers on every response (set on the raw response, so
 * errors carry them too), with the CSP relaxed only for the UI under `/<docsPath>/`.
 */
export function securityHeaders(docsPath: string) {
  const isDocsPage = (path: string) => path === `/${docsPath}` || path.startsWith(`/${docsPath}/`);
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const headers = isDocsPage(pathOf(request.url)) ? docsHeaders : apiHeaders;
    headers(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
