import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { securityHeaders } from './common/security-headers';
import { validationPipeOptions } from './common/validation-pipe.options';
import { AppConfig } from './config/app-config';
import { createOpenApiDocument, DOCS_PATH, serveDocs } from './openapi/openapi-document';

/** Everything about the HTTP app that is not a module: main.ts and every e2e test share it. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(DOCS_PATH));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions));
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      exposedHeaders: ['X-Request-Id', 'X-Upstream-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
  serveDocs(app, createOpenApiDocument(app));
}
