import fastifyHelmet, { FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A JSON API loads nothing: no source is allowed and no page may frame it. */
const apiHeaders: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
};

/** The Swagger UI loads its own scripts, inline styles and data: images: helmet's default CSP. */
const docsHeaders = { contentSecurityPolicy: { useDefaults: true } };

/**
 * `@fastify/helmet` on every response (set in `onRequest`, so errors carry them too), with the CSP
 * relaxed only for the UI under `/<docsPath>/`.
 */
export function useSecurityHeaders(app: NestFastifyApplication, docsPath: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const isDocsPage = (url: string) => url === `/${docsPath}` || url.startsWith(`/${docsPath}/`);
  fastify.addHook('onRoute', (route) => {
    if (isDocsPage(route.url)) route.config = { ...route.config, helmet: docsHeaders };
  });
  void app.register(fastifyHelmet, { ...apiHeaders, global: true });
}
