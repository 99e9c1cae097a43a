import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES, useJsonBodies } from './common/json-body-parser';
import { newRequestId } from './common/request-id';
import { onEveryRequest } from './common/route-template';

/**
 * The HTTP platform of the BFF (main.ts, local.ts, `npm run openapi` and every e2e test): Fastify,
 * set up to route, read bodies and keep connections as the service did on Express.
 */
export function createHttpAdapter(trustProxy: number): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy, // hops trusted for `X-Forwarded-For`, as Express's 'trust proxy' took them
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: newRequestId,
    // as Express matched: `/me/identity/` and `/ME/identity` are `/me/identity`
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // Node's defaults, which the service had on Express (Fastify's are 72 s and none)
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    // on close: idle keep-alive sockets are closed at once, requests in flight are answered, and
    // a request still arriving on a kept-alive socket is served as on Express (not Fastify's 503)
    forceCloseConnections: 'idle',
    return503OnClosing: false,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', onEveryRequest);
  useJsonBodies(fastify);
  return adapter;
}
