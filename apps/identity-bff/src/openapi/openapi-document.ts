import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { addResponseHeaders, closeRequestSchemas } from './document-rules';

/** Served at /docs (UI) and /docs-json; committed as openapi.json by `npm run openapi`. */
export const DOCS_PATH = 'docs';

/** The OpenAPI document of the app's routes, as served at /docs-json and committed as openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('identity BFF')
    .setDescription(
      "The KYC identity step for first-party apps. Every `/me` route needs the end user's JWT; " +
        'every error is `application/problem+json` (RFC 9457) with a stable `code`.',
    )
    .setVersion('1')
    .addServer('{origin}', 'The BFF: behind the API gateway, or `npm run local`', {
      origin: {
        default: 'http://localhost:3000',
        description: "The BFF's origin (scheme, host and port), without a trailing slash",
      },
    })
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "The end user's JWT, as issued by the identity provider",
    })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.info.license = { name: 'Proprietary' };
  closeRequestSchemas(document);
  addResponseHeaders(document);
  return document;
}

/** The document as committed: keys sorted at every level, two-space indent, final newline. */
export function toOpenApiJson(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Mounts the Swagger UI at /docs and the JSON document at /docs-json (public: no JWT). */
export function serveDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(DOCS_PATH, app, document, {
    raw: ['json'],
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'identity BFF API',
  });
}
