import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES, useJsonBodies } from './common/json-body-parser';
import { answerClientError, answerFrameworkError } from './common/pre-routing-errors';
import { newRequestId } from './common/request-id';
import { onEveryRequest } from './common/route-template';

/**
 * A client has this long to send a whole request, headers and body (408 `request_timeout` past
 * it): a 64 KiB body takes well under a second on any working connection.
 */
export const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;
/** How often Node looks for requests past that timeout (so it ends within 30–31 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * The HTTP platform of the BFF (main.ts, local.ts, `npm run openapi` and every e2e test): Fastify,
 * set up to route, read bodies and keep connections as the service did on Express, and to answer
 * every error before routing as problem+json.
 */
export function createHttpAdapter(trustProxy: number): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: trustedHops(trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: newRequestId,
    // as Express matched: `/me/identity/` and `/ME/identity` are `/me/identity`
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    keepAliveTimeout: 5_000, // Node's default, which the service had on Express
    requestTimeout: REQUEST_RECEIVE_TIMEOUT_MS,
    http: {
      // Node times a request out by the larger of the two: the headers get the same bound
      headersTimeout: REQUEST_RECEIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
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

/**
 * `X-Forwarded-For` read through the nearest `hops` proxies, as Express's 'trust proxy' took a
 * number (Fastify 5.12 no longer takes a hop count itself: it trusts none for a number).
 */
function trustedHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 && ((_address, hop) => hop < hops);
}
