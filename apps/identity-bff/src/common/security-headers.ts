import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Headers = Record<string, string>;

/** A JSON API loads nothing: no source is allowed and no page may frame it. */
const API_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
};

/** The Swagger UI loads its own scripts, inline styles and data: images: helmet's default CSP. */
const DOCS_OPTIONS: HelmetOptions = { contentSecurityPolicy: { useDefaults: true } };

/** The headers helmet sets with these options, computed once (they depend on nothing in a request). */
export function helmetHeaders(options: HelmetOptions): Headers {
  const headers: Headers = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * helmet's headers on every response (set in `onRequest`, so errors carry them too), with the CSP
 * relaxed only for the UI under `/<docsPath>/`; each route gets its set when it is registered.
 */
export function useSecurityHeaders(fastify: FastifyInstance, docsPath: string): void {
  const api = helmetHeaders(API_OPTIONS);
  const docs = helmetHeaders(DOCS_OPTIONS);
  const isDocsPage = (url: string) => url === `/${docsPath}` || url.startsWith(`/${docsPath}/`);
  fastify.addHook('onRoute', (route) => {
    route.config = { ...route.config, securityHeaders: isDocsPage(route.url) ? docs : api };
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const { securityHeaders } = request.routeOptions.config as { securityHeaders?: Headers };
    void reply.headers(securityHeaders ?? api);
    done();
  });
}
