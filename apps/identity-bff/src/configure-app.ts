import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BodyValidationPipe } from './common/body-validation.pipe';
import { useJsonBodyOnly } from './common/json-body-only';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { useRequestContext } from './common/request-context';
import { useSecurityHeaders } from './common/security-headers';
import { AppConfig } from './config/app-config';
import { AppLoggers, APP_LOGGERS } from './logging/loggers';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { HttpMetrics } from './metrics/http-metrics';
import { createOpenApiDocument, DOCS_PATH, serveDocs } from './openapi/openapi-document';

/**
 * Everything about the HTTP app that is not a module: main.ts and every e2e test share it. The app
 * is built on `createHttpAdapter()` (http-adapter.ts), with `bodyParser: false`.
 */
export function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  app.useLogger(app.get(PinoNestLogger));
  const fastify = app.getHttpAdapter().getInstance();
  // first: the request's span, id and logger are in context in every later hook
  useRequestContext(fastify, app.get<AppLoggers>(APP_LOGGERS));
  useSecurityHeaders(fastify, DOCS_PATH);
  useJsonBodyOnly(fastify); // after the two above: a 415 has its context and headers
  fastify.addHook('onResponse', app.get(HttpMetrics).onResponse);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new BodyValidationPipe());
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      // Express's cors default; @fastify/cors would allow only the CORS-safelisted GET, HEAD, POST
      methods: 'GET,HEAD,PUT,PATCH,POST,DELETE',
      credentials: false,
      exposedHeaders: ['X-Request-Id', 'X-Upstream-Request-Id', 'Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
  serveDocs(app, createOpenApiDocument(app));
}
